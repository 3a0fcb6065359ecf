import type { Opencom } from '@opencom/sdk';
import type { Context } from '../../context';
import { formatTime } from '../../output/format';
import type { Column } from '../../output/output';
import type { Delivery } from './delivery-view';

interface Window {
  since: number;
  webhookId?: string;
}

type SkipReason = 'already replayed' | 'subscription deleted';

interface Skipped {
  id: string;
  webhookId: string;
  reason: SkipReason;
}

const replayColumns: Column<Delivery>[] = [
  { header: 'replay', value: (d) => d.id },
  { header: 'replay of', value: (d) => d.replayOf },
  { header: 'event', value: (d) => d.eventType },
  { header: 'event id', value: (d) => d.eventId },
  { header: 'webhook', value: (d) => d.webhookId },
  { header: 'status', value: (d) => d.status },
];

/**
 * Replays every failed delivery in the window with the API's bulk operation (`POST
 * /webhook-deliveries/replay`, 100 per call, oldest first), then accounts for the failed deliveries
 * it skipped: the server skips those that already have a replay and those whose subscription was
 * deleted, and says neither, so the CLI lists the window first and compares.
 */
export async function replayFailed(ctx: Context, window: Window): Promise<void> {
  const opencom = await ctx.api();
  const candidates = await failedIn(opencom, window);
  const replays = await replayAll(opencom, window);
  const replayedOriginals = new Set(replays.map((d) => d.replayOf));
  const notReplayed = candidates.filter((d) => !replayedOriginals.has(d.id));
  const skipped = notReplayed.length === 0 ? [] : await skipReasons(opencom, notReplayed);

  ctx.output.result({ replayed: replays.length, data: replays, skipped }, () => {
    const scope = `created since ${formatTime(window.since)}${window.webhookId ? ` to ${window.webhookId}` : ''}`;
    if (replays.length === 0) ctx.output.note(`Nothing replayed: no unreplayed failed delivery ${scope}.`);
    else {
      ctx.output.success(
        `Replayed ${replays.length} failed ${replays.length === 1 ? 'delivery' : 'deliveries'} ${scope}`,
      );
      ctx.output.table(replays, replayColumns);
    }
  });
  if (skipped.length > 0) ctx.output.note(`Skipped ${skipped.length}: ${describeSkips(skipped)}`);
  else if (!ctx.output.json) ctx.output.note('Skipped 0.');
}

/** Every failed delivery in the window, as the bulk replay will see it. */
async function failedIn(opencom: Opencom, window: Window): Promise<Delivery[]> {
  const found: Delivery[] = [];
  const query = {
    status: 'failed' as const,
    createdAfter: window.since,
    limit: 100,
    ...(window.webhookId ? { webhookId: window.webhookId } : {}),
  };
  for await (const delivery of opencom.webhooks.deliveries.list(query)) found.push(delivery);
  return found;
}

/** Calls the bulk replay until it has nothing more (`hasMore: false`). */
async function replayAll(opencom: Opencom, window: Window): Promise<Delivery[]> {
  const body = {
    status: 'failed' as const,
    since: window.since,
    ...(window.webhookId ? { webhookId: window.webhookId } : {}),
  };
  const replays: Delivery[] = [];
  const ours = new Set<string>();
  for (;;) {
    const result = await opencom.webhooks.deliveries.replayMany(body);
    replays.push(...result.data);
    for (const delivery of result.data) ours.add(delivery.id);
    // Originals are older than our replays and go first. A call that reached one of our own replays
    // (it failed at once, on a one-attempt schedule) has replayed every original in the window:
    // stop, or the loop would replay its own replays for as long as the receiver is down.
    const reachedOurs = result.data.some((d) => d.replayOf !== null && ours.has(d.replayOf));
    if (!result.hasMore || result.replayed === 0 || reachedOurs) return replays;
  }
}

async function skipReasons(opencom: Opencom, notReplayed: readonly Delivery[]): Promise<Skipped[]> {
  const existing = new Set<string>();
  for await (const subscription of opencom.webhooks.list({ limit: 100 })) existing.add(subscription.id);
  return notReplayed.map((d) => ({
    id: d.id,
    webhookId: d.webhookId,
    reason: existing.has(d.webhookId) ? 'already replayed' : 'subscription deleted',
  }));
}

function describeSkips(skipped: readonly Skipped[]): string {
  const byReason = new Map<SkipReason, string[]>([
    ['already replayed', []],
    ['subscription deleted', []],
  ]);
  for (const skip of skipped) byReason.get(skip.reason)?.push(skip.id);
  return [...byReason]
    .filter(([, ids]) => ids.length > 0)
    .map(
      ([reason, ids]) =>
        `${ids.length} ${reason} (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''})`,
    )
    .join('; ');
}
