import type { components } from '@opencom/sdk';
import type { Command } from 'commander';
import type { Context } from '../../context';
import { type ListFlags, listOptions, printList } from '../../kit/list';
import { formatTime } from '../../output/format';

type Message = components['schemas']['Message'];

/** Who sent it: `visitor`, `agent agt_mara`, `bot`, `automation support-bot`. */
export const sender = (message: Message) =>
  message.senderType === 'automation'
    ? `automation ${message.actorName ?? message.senderId}`
    : message.senderType === 'agent'
      ? `agent ${message.senderId}`
      : message.senderType;

export function defineList(noun: Command, context: () => Context): void {
  listOptions(
    noun
      .command('list')
      .description("list a conversation's messages, oldest first, from every sender")
      .argument('<conversationId>', 'the conversation ID'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  opencom messages list conv_8x2kq4m1\n  opencom messages list conv_8x2kq4m1 --all --json',
    )
    .action(async (conversationId: string, flags: ListFlags) => {
      const ctx = context();
      const opencom = await ctx.api();
      await printList(
        ctx,
        flags,
        (query) => opencom.messages.list(conversationId, query),
        [
          { header: 'id', value: (m) => m.id },
          { header: 'from', value: sender },
          { header: 'sent', value: (m) => formatTime(m.createdAt) },
          { header: 'content', value: (m) => m.content, max: 60 },
        ],
        `No messages in ${conversationId}.`,
      );
    });
}
