import type { Claim } from '@opencom/sdk';
import type { Command } from 'commander';
import type { Context } from '../../context';
import { formatTime } from '../../output/format';
import { explainClaimConflict } from './conflict';
import { leaseSeconds, showClaim } from './view';

interface LeaseFlags {
  lease?: number;
}

const VERBS = [
  {
    verb: 'claim',
    description:
      'claim a conversation for a lease (default 5m): only the holder may send automation messages',
    lease: 'how long the lease lasts, 30s to 15m (default 5m)',
    help: '\nClaiming a conversation you already hold renews it. A conversation claimed by another key exits 4\nand names the holder.\n\nExamples:\n  opencom claims claim conv_8x2kq4m1\n  opencom claims claim conv_8x2kq4m1 --lease 90s --json',
    done: (claim: Claim) =>
      `Claimed ${claim.conversationId} as ${claim.actorName} until ${formatTime(claim.expiresAt)}`,
  },
  {
    verb: 'renew',
    description: 'extend your claim: the lease runs again from now',
    lease: 'the new lease length, 30s to 15m (default: the current length)',
    help: '\nExamples:\n  opencom claims renew conv_8x2kq4m1\n  opencom claims renew conv_8x2kq4m1 --lease 10m',
    done: (claim: Claim) => `Renewed ${claim.conversationId} until ${formatTime(claim.expiresAt)}`,
  },
] as const;

/** `claims claim` and `claims renew`: take or extend a lease, then show the holder and expiry. */
export function defineClaim(noun: Command, context: () => Context): void {
  for (const { verb, description, lease, help, done } of VERBS) {
    noun
      .command(verb)
      .description(description)
      .argument('<conversationId>', 'the conversation ID')
      .option('--lease <duration>', lease, leaseSeconds)
      .addHelpText('after', help)
      .action(async (conversationId: string, flags: LeaseFlags) => {
        const ctx = context();
        const opencom = await ctx.api();
        const body = flags.lease === undefined ? {} : { leaseSeconds: flags.lease };
        const claim = await explainClaimConflict(conversationId, opencom.claims[verb](conversationId, body));
        ctx.output.result(claim, () => {
          showClaim(ctx, claim);
          ctx.output.success(done(claim));
        });
      });
  }
}
