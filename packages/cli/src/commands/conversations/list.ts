import { type Command, Option } from 'commander';
import type { Context } from '../../context';
import { attributes, compact } from '../../kit/body';
import { parseSince } from '../../kit/duration';
import { collect } from '../../kit/fields';
import { type ListFlags, listOptions, printList } from '../../kit/list';
import { formatTime } from '../../output/format';
import { CHANNEL_NAMES, CONVERSATION_STATUSES, type Conversation, claimHolder } from './view';

interface ListConversationsFlags extends ListFlags {
  status?: Conversation['status'];
  assignee?: string;
  channel?: Conversation['channel'];
  email?: string;
  externalUserId?: string;
  eligible?: boolean;
  attr?: string[];
  updatedSince?: number;
}

export function defineList(noun: Command, context: () => Context): void {
  const command = noun
    .command('list')
    .description('list conversations, newest first (or in sync order with --updated-since)')
    .addOption(new Option('--status <status>', 'only this status').choices(CONVERSATION_STATUSES))
    .option('--assignee <agent>', 'an agent ID, "none" for unassigned, or "any" for assigned ones')
    .addOption(new Option('--channel <channel>', 'only this channel').choices(CHANNEL_NAMES))
    .option('--email <address>', "the visitor's email address (exact, case-insensitive)")
    .option('--external-user-id <id>', "the visitor's externalUserId")
    .option('--eligible', 'only conversations an automation may claim now')
    .option('--no-eligible', 'only conversations an automation may not claim now')
    .option(
      '--attr <key=value>',
      "the visitor's custom attribute matches (typed by the server); repeatable",
      collect,
    )
    .option(
      '--updated-since <when>',
      'only those updated since: 1h, an ISO date or epoch ms (oldest first)',
      (v) => parseSince(v),
    );
  listOptions(command)
    .addHelpText(
      'after',
      '\nExamples:\n  opencom conversations list --status open --eligible\n  opencom conversations list --attr plan=pro --channel chat --all\n  opencom conversations list --updated-since 1h --json',
    )
    .action((flags: ListConversationsFlags) => listConversations(context(), flags));
}

async function listConversations(ctx: Context, flags: ListConversationsFlags): Promise<void> {
  const opencom = await ctx.api();
  const filters = compact({
    status: flags.status,
    assignee: flags.assignee,
    channel: flags.channel,
    email: flags.email,
    externalUserId: flags.externalUserId,
    automationEligible: flags.eligible,
    customAttributes: attributes(flags.attr, false) as Record<string, string> | undefined,
    updatedSince: flags.updatedSince,
  });
  await printList(
    ctx,
    flags,
    (query) => opencom.conversations.list({ ...filters, ...query }),
    [
      { header: 'id', value: (c) => c.id },
      { header: 'status', value: (c) => c.status },
      { header: 'channel', value: (c) => c.channel },
      { header: 'subject', value: (c) => c.subject, max: 40 },
      { header: 'claimed by', value: claimHolder },
      { header: 'last message', value: (c) => formatTime(c.lastMessageAt) },
    ],
    'No conversations match.',
  );
}
