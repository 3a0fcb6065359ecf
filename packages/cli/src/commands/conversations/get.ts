import type { Command } from 'commander';
import type { Context } from '../../context';
import { showConversation } from './view';

export function defineGet(noun: Command, context: () => Context): void {
  noun
    .command('get')
    .description('show a conversation with its claim holder, lease expiry and AI state')
    .argument('<id>', 'the conversation ID')
    .addHelpText(
      'after',
      '\nExamples:\n  opencom conversations get conv_8x2kq4m1\n  opencom conversations get conv_8x2kq4m1 --json',
    )
    .action(async (id: string) => {
      const ctx = context();
      const conversation = await (await ctx.api()).conversations.get(id);
      ctx.output.result(conversation, () => showConversation(ctx, conversation));
    });
}
