import type { Command } from 'commander';
import type { Context } from '../../context';
import { UsageError } from '../../errors';
import { parseDuration, parseSince } from '../../kit/duration';
import { printDelivery } from './delivery-view';
import { reportFirstAttempt, waitForFirstAttempt } from './first-attempt';
import { replayFailed } from './replay-failed';

interface Flags {
  failed?: boolean;
  since?: number;
  subscription?: string;
  wait?: boolean;
  timeout: number;
}

/** `opencom webhooks replay <deliveryId>` or `replay --failed --since 1h`: send stored events again. */
export function define(webhooks: Command, context: () => Context): void {
  webhooks
    .command('replay')
    .description(
      'send a delivery again as a new delivery, or every failed one since a time (--failed --since)',
    )
    .argument('[deliveryId]', 'the delivery to replay (any status)')
    .option('--failed', 'replay every failed delivery created since --since (each one once)')
    .option('--since <when>', 'with --failed: a duration ago (1h, 30m), an ISO date or epoch ms', (v) =>
      parseSince(v),
    )
    .option('--subscription <webhookId>', 'with --failed: only deliveries to this subscription')
    .option(
      '--wait',
      'with <deliveryId>: wait for the first attempt and show its result (exit 1 if it failed)',
    )
    .option('--timeout <duration>', 'with --wait: how long to wait', parseDuration, 15_000)
    .addHelpText(
      'after',
      '\nA replay carries the same event (same body, same webhook-id) with a new signature, and links to the\n' +
        'delivery it replays. Bulk replay skips deliveries that already have a replay, so it can be re-run.\n' +
        '\nExamples:\n' +
        '  opencom webhooks replay dlv_7j3k5l\n' +
        '  opencom webhooks replay dlv_7j3k5l --wait\n' +
        '  opencom webhooks replay --failed --since 1h\n' +
        '  opencom webhooks replay --failed --since 2026-11-29T00:00:00Z --subscription whk_4f8g2h --json',
    )
    .action((id: string | undefined, flags: Flags) => run(id, flags, context()));
}

async function run(id: string | undefined, flags: Flags, ctx: Context): Promise<void> {
  if (id !== undefined) {
    if (flags.failed || flags.since !== undefined || flags.subscription !== undefined) {
      throw new UsageError('give either a delivery ID or --failed --since, not both');
    }
    return replayOne(id, flags, ctx);
  }
  if (!flags.failed)
    throw new UsageError('give a delivery ID to replay, or --failed --since <when> for every failed one');
  if (flags.since === undefined) throw new UsageError('--failed needs --since, e.g. --since 1h');
  if (flags.wait)
    throw new UsageError(
      '--wait applies to one delivery; follow bulk replays with: opencom webhooks deliveries',
    );
  await replayFailed(ctx, {
    since: flags.since,
    ...(flags.subscription === undefined ? {} : { webhookId: flags.subscription }),
  });
}

async function replayOne(id: string, flags: Flags, ctx: Context): Promise<void> {
  const opencom = await ctx.api();
  const queued = await opencom.webhooks.deliveries.replay(id);
  const replay = flags.wait ? await waitForFirstAttempt(ctx, opencom, queued, flags.timeout) : queued;
  ctx.output.result(replay, () => {
    ctx.output.success(`Replayed ${id} as ${replay.id} (event ${replay.eventId} to ${replay.webhookId})`);
    printDelivery(ctx, replay);
  });
  if (flags.wait) reportFirstAttempt(ctx, `Replay ${replay.id}`, replay);
}
