import type { Command } from 'commander';
import type { Context } from '../../context';
import { confirmDestructive } from '../../kit/confirm';
import { showOutbound } from './view';

/** The two status changes of the API, which differ only in words and in the call. */
const CHANGES = [
  {
    verb: 'activate',
    done: 'Activated',
    description: 'start showing a draft or paused message to matching visitors',
    refused: 'An archived message',
  },
  {
    verb: 'pause',
    done: 'Paused',
    description: 'stop showing an active message (activate it again later)',
    refused: 'A draft or archived message',
  },
] as const;

/** `outbound activate|pause|delete`: the status changes the API allows, and deletion. */
export function defineStatusChanges(noun: Command, context: () => Context): void {
  for (const change of CHANGES) {
    noun
      .command(change.verb)
      .description(change.description)
      .argument('<id>', 'the outbound message ID')
      .addHelpText(
        'after',
        `\n${change.refused} exits 4 (invalid_transition).\n\nExample:\n  opencom outbound ${change.verb} out_6y1u8i`,
      )
      .action(async (id: string) => {
        const ctx = context();
        const message = await (await ctx.api()).outboundMessages[change.verb](id);
        ctx.output.result(message, () => {
          showOutbound(ctx, message);
          ctx.output.success(`${change.done} ${message.id} "${message.name}"`);
        });
      });
  }

  noun
    .command('delete')
    .description('delete an outbound message for good (an active one stops showing at once)')
    .argument('<id>', 'the outbound message ID')
    .option('-y, --yes', 'do not ask for confirmation (required without a terminal)')
    .addHelpText('after', '\nExample:\n  opencom outbound delete out_6y1u8i --yes')
    .action(async (id: string, flags: { yes?: boolean }) => {
      const ctx = context();
      await confirmDestructive(ctx, `Delete outbound message ${id}?`, flags.yes);
      const deleted = await (await ctx.api()).outboundMessages.delete(id);
      ctx.output.result(deleted, () => ctx.output.success(`Deleted ${deleted.id}`));
    });
}
