import type { ClaimSession } from '@opencom/sdk';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Context } from '../../context';
import { CommandFailure, ExitCode, UsageError } from '../../errors';
import { parseDuration } from '../../kit/duration';
import { explainClaimConflict } from './conflict';
import { type HoldEvents, holdEvents } from './hold-events';
import { leaseSeconds } from './view';

interface HoldFlags {
  lease: number;
  renewEvery?: number;
  escalateOnExit?: string;
}

export function defineHold(noun: Command, context: () => Context): void {
  noun
    .command('hold')
    .description('claim a conversation and keep the lease alive until Ctrl-C (or SIGTERM), then release it')
    .argument('<conversationId>', 'the conversation ID')
    .addOption(
      new Option('--lease <duration>', 'lease length, 30s to 15m').argParser(leaseSeconds).default(300, '5m'),
    )
    .option(
      '--renew-every <duration>',
      'renew this long after each claim or renewal, at least 1s (default: half the lease)',
      (v) => renewInterval(v),
    )
    .option(
      '--escalate-on-exit <reason>',
      'on Ctrl-C or SIGTERM, escalate to a human with this reason instead of releasing',
    )
    .addHelpText(
      'after',
      `
Prints a line when the lease is acquired and after each renewal. It exits 0 after releasing (or
escalating) on SIGINT/SIGTERM, and 7 if the lease is lost (it lapsed before a renewal got through, or
the server refused a renewal), with the reason on stderr. With --json, stdout is NDJSON: one object per
line, {"event":"acquired"|"renewed"|"released"|"escalated","claim":{...}} or
{"event":"lost","conversationId":"...","code":"claim_expired","message":"..."}.

Examples:
  opencom claims hold conv_8x2kq4m1
  opencom claims hold conv_8x2kq4m1 --lease 2m --escalate-on-exit "Bot stopped; please take over"
  opencom claims hold conv_8x2kq4m1 --json | jq -c 'select(.event == "renewed")'`,
    )
    .action((conversationId: string, flags: HoldFlags) => hold(context(), conversationId, flags));
}

function renewInterval(value: string): number {
  const ms = parseDuration(value);
  if (ms < 1000) throw new InvalidArgumentError('renew at most once a second (each renewal is a request).');
  return ms;
}

async function hold(ctx: Context, conversationId: string, flags: HoldFlags): Promise<void> {
  const leaseMs = flags.lease * 1000;
  const renewEveryMs = flags.renewEvery ?? leaseMs / 2;
  if (renewEveryMs >= leaseMs) throw new UsageError('--renew-every must be shorter than the lease');
  const events = holdEvents(ctx);
  const opencom = await ctx.api();

  // SIGINT/SIGTERM before the claim is held cancels the claim request; after, it ends the hold.
  const cancelClaim = new AbortController();
  let stopRequested = (): void => undefined;
  const stopped = new Promise<'stop'>((resolve) => {
    stopRequested = () => resolve('stop');
  });
  let session: ClaimSession | undefined;
  const removeInterrupt = ctx.io.onInterrupt(() =>
    session === undefined ? cancelClaim.abort() : stopRequested(),
  );
  try {
    session = await explainClaimConflict(
      conversationId,
      opencom.claims.acquire(conversationId, {
        leaseSeconds: flags.lease,
        renewAfter: renewEveryMs / leaseMs,
        signal: cancelClaim.signal,
        // The session renews by itself; report each new expiry it got.
        onRenew: (claim) => events.renewed(claim),
      }),
    ).catch((error: unknown) => {
      if (cancelClaim.signal.aborted) throw new UsageError(`cancelled before ${conversationId} was claimed`);
      throw error;
    });
    const held = session;
    events.acquired(
      held.claim,
      renewEveryMs / 1000,
      flags.escalateOnExit === undefined ? 'release' : 'escalate',
    );

    const lost = new Promise<'lost'>((resolve) => {
      if (held.lost.aborted) resolve('lost');
      else held.lost.addEventListener('abort', () => resolve('lost'), { once: true });
    });

    if ((await Promise.race([stopped, lost])) === 'stop') {
      const claim =
        flags.escalateOnExit === undefined ? await held.release() : await held.escalate(flags.escalateOnExit);
      if (claim !== undefined) {
        events.ended(flags.escalateOnExit === undefined ? 'released' : 'escalated', claim);
        return;
      }
      if (!held.lost.aborted) {
        // The release found the lease already gone (it lapsed between two renewals).
        throw new CommandFailure(
          `the claim on ${conversationId} had already ended when it was released`,
          ExitCode.leaseLost,
        );
      }
    }
    throw lostLease(held.lost.reason, events, conversationId);
  } finally {
    removeInterrupt();
  }
}

/**
 * Reports the loss (an NDJSON `lost` event with --json) and returns the exit-7 failure whose line
 * says why: `lost the claim on conv_…: the server answered claim_expired (claim_expired, request …)`.
 */
function lostLease(reason: unknown, events: HoldEvents, conversationId: string): CommandFailure {
  const { code, requestId, message } = reason as { code?: string; requestId?: string; message: string };
  const why = message.replace(/^@opencom\/sdk:\s*/, '').replace(/\.$/, '');
  events.lost(conversationId, { code, message: why });
  const extra = [code, requestId && `request ${requestId}`].filter(Boolean).join(', ');
  return new CommandFailure(extra === '' ? why : `${why} (${extra})`, ExitCode.leaseLost);
}
