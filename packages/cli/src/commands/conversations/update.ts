import type { OperationBody } from '@opencom/sdk';
import { type Command, Option } from 'commander';
import type { Context } from '../../context';
import { requestBody } from '../../kit/body';
import { CONVERSATION_STATUSES, type Conversation, showConversation } from './view';

interface UpdateFlags {
  status?: Conversation['status'];
  /** A string to assign, false for `--no-assignee`. */
  assignee?: string | false;
  subject?: string | false;
  input?: string;
}

export function defineUpdate(noun: Command, context: () => Context): void {
  noun
    .command('update')
    .description('change the status, assignee or subject of a conversation')
    .argument('<id>', 'the conversation ID')
    .addOption(new Option('--status <status>', 'open, close or snooze it').choices(CONVERSATION_STATUSES))
    .option('--assignee <agent>', 'assign it to this agent ID')
    .option('--no-assignee', 'unassign it (a claim never changes the assignee)')
    .option('--subject <text>', 'set the subject')
    .option('--no-subject', 'clear the subject')
    .option('--input <file>', 'fields from a JSON file ("-" for stdin); flags override them')
    .addHelpText(
      'after',
      '\nClosing a claimed conversation ends the claim.\n\nExamples:\n  opencom conversations update conv_8x2kq4m1 --status closed\n  opencom conversations update conv_8x2kq4m1 --assignee agt_mara --subject "Refund for order 1042"\n  opencom conversations update conv_8x2kq4m1 --no-assignee',
    )
    .action(async (id: string, flags: UpdateFlags) => {
      const ctx = context();
      const body = await requestBody(
        ctx.io,
        flags.input,
        {
          status: flags.status,
          assignedAgentId: flags.assignee === false ? null : flags.assignee,
          subject: flags.subject === false ? null : flags.subject,
        },
        { requireSome: true },
      );
      // The server validates what --input adds against the spec (400 with a pointer).
      const conversation = await (await ctx.api()).conversations.update(
        id,
        body as OperationBody<'updateConversation'>,
      );
      ctx.output.result(conversation, () => {
        showConversation(ctx, conversation);
        ctx.output.success(`Updated ${conversation.id}`);
      });
    });
}
