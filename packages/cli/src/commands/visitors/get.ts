import type { Command } from 'commander';
import type { Context } from '../../context';
import { showVisitor } from './view';

export function defineGet(noun: Command, context: () => Context): void {
  noun
    .command('get')
    .description('show a visitor with their custom attributes')
    .argument('<id>', 'the visitor ID')
    .addHelpText('after', '\nExample:\n  opencom visitors get vis_3k9d2m')
    .action(async (id: string) => {
      const ctx = context();
      const visitor = await (await ctx.api()).visitors.get(id);
      ctx.output.result(visitor, () => showVisitor(ctx, visitor));
    });
}
