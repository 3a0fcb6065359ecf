import type { Command } from 'commander';
import type { Context } from '../../context';
import { showOutbound } from './view';

export function defineGet(noun: Command, context: () => Context): void {
  noun
    .command('get')
    .description('show an outbound message: its text, audience, trigger and schedule')
    .argument('<id>', 'the outbound message ID')
    .addHelpText('after', '\nExample:\n  opencom outbound get out_6y1u8i')
    .action(async (id: string) => {
      const ctx = context();
      const message = await (await ctx.api()).outboundMessages.get(id);
      ctx.output.result(message, () => showOutbound(ctx, message));
    });
}
