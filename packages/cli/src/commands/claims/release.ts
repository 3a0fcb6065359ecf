import type { Command } from 'commander';
import type { Context } from '../../context';
import { explainClaimConflict } from './conflict';
import { showClaim } from './view';

/** `claims release` and `claims escalate`: end your claim, handing the conversation back or to a human. */
export function defineRelease(noun: Command, context: () => Context): void {
  noun
    .command('release')
    .description('end your claim and hand the conversation back (the assignee and AI state are kept)')
    .argument('<conversationId>', 'the conversation ID')
    .addHelpText('after', '\nExample:\n  opencom claims release conv_8x2kq4m1')
    .action(async (conversationId: string) => {
      const ctx = context();
      const opencom = await ctx.api();
      const claim = await explainClaimConflict(conversationId, opencom.claims.release(conversationId));
      ctx.output.result(claim, () => {
        showClaim(ctx, claim);
        ctx.output.success(`Released ${conversationId}`);
      });
    });

  noun
    .command('escalate')
    .description('end your claim and hand the conversation to a human (AI state "handoff")')
    .argument('<conversationId>', 'the conversation ID')
    .option('--reason <text>', 'why, shown to the agent who picks it up (default "Escalated by automation")')
    .addHelpText(
      'after',
      '\nExample:\n  opencom claims escalate conv_8x2kq4m1 --reason "Chargeback: needs a human"',
    )
    .action(async (conversationId: string, flags: { reason?: string }) => {
      const ctx = context();
      const opencom = await ctx.api();
      const body = flags.reason === undefined ? {} : { reason: flags.reason };
      const claim = await explainClaimConflict(conversationId, opencom.claims.escalate(conversationId, body));
      ctx.output.result(claim, () => {
        showClaim(ctx, claim);
        ctx.output.success(
          `Escalated ${conversationId} to a human${flags.reason ? `: ${flags.reason}` : ''}`,
        );
      });
    });
}
