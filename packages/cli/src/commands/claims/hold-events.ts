import type { Claim } from '@opencom/sdk';
import type { Context } from '../../context';
import { formatDuration, formatTime } from '../../output/format';

/** What `claims hold` reports as it goes. */
export interface HoldEvents {
  acquired(claim: Claim, renewEverySeconds: number, onExit: 'release' | 'escalate'): void;
  renewed(claim: Claim): void;
  ended(how: 'released' | 'escalated', claim: Claim): void;
  lost(conversationId: string, error: { code?: string | undefined; message: string }): void;
}

/**
 * Human lines on stdout (status on stderr), or with `--json` one JSON object per line (NDJSON):
 * `{"event":"acquired"|"renewed"|"released"|"escalated","claim":{...}}` and
 * `{"event":"lost","conversationId":...,"code":...,"message":...}`. `hold` runs until stopped, so
 * it streams events instead of printing the one JSON document other commands print.
 */
export function holdEvents(ctx: Context): HoldEvents {
  if (ctx.output.json) {
    const line = (event: object) => ctx.io.out.write(`${JSON.stringify(event)}\n`);
    return {
      acquired: (claim) => line({ event: 'acquired', claim }),
      renewed: (claim) => line({ event: 'renewed', claim }),
      ended: (how, claim) => line({ event: how, claim }),
      lost: (conversationId, error) =>
        line({
          event: 'lost',
          conversationId,
          code: error.code ?? null,
          message: error.message,
        }),
    };
  }
  return {
    acquired(claim, renewEvery, onExit) {
      ctx.output.text(
        `Holding ${claim.conversationId} as ${claim.actorName} until ${formatTime(claim.expiresAt)} (lease ${formatDuration(claim.leaseSeconds)}, renewing every ${formatDuration(renewEvery)})`,
      );
      ctx.output.note(`Press Ctrl-C to ${onExit} it.`);
    },
    renewed: (claim) =>
      ctx.output.text(`Renewed ${claim.conversationId} until ${formatTime(claim.expiresAt)}`),
    ended: (how, claim) =>
      ctx.output.success(
        how === 'released'
          ? `Released ${claim.conversationId}`
          : `Escalated ${claim.conversationId} to a human`,
      ),
    // The reason is the command's error line on stderr (exit 7), printed once by main.
    lost: () => undefined,
  };
}
