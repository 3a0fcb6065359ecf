import type { Command } from 'commander';
import type { Context } from '../../context';
import { showTicket } from './view';

export function defineGet(noun: Command, context: () => Context): void {
  noun
    .command('get')
    .description('show a ticket and its description')
    .argument('<id>', 'the ticket ID')
    .addHelpText('after', '\nExample:\n  opencom tickets get tkt_9w3e5r')
    .action(async (id: string) => {
      const ctx = context();
      const ticket = await (await ctx.api()).tickets.get(id);
      ctx.output.result(ticket, () => showTicket(ctx, ticket));
    });
}
