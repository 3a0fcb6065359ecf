import { type Command, Option } from 'commander';
import type { Context } from '../../context';
import { compact } from '../../kit/body';
import { parseSince } from '../../kit/duration';
import { type ListFlags, listOptions, printList } from '../../kit/list';
import { formatTime } from '../../output/format';
import { TICKET_PRIORITIES, TICKET_STATUSES, type Ticket } from './view';

interface ListTicketsFlags extends ListFlags {
  status?: Ticket['status'];
  priority?: Ticket['priority'];
  assignee?: string;
  visitor?: string;
  conversation?: string;
  updatedSince?: number;
}

export function defineList(noun: Command, context: () => Context): void {
  const command = noun
    .command('list')
    .description('list tickets, newest first (or in sync order with --updated-since)')
    .addOption(new Option('--status <status>', 'only this status').choices(TICKET_STATUSES))
    .addOption(new Option('--priority <priority>', 'only this priority').choices(TICKET_PRIORITIES))
    .option('--assignee <agent>', 'an agent ID, "none" for unassigned, or "any" for assigned ones')
    .option('--visitor <id>', 'only tickets for this visitor')
    .option('--conversation <id>', 'only tickets opened from this conversation')
    .option(
      '--updated-since <when>',
      'only tickets changed since: 1h, an ISO date or epoch ms (oldest first)',
      (v) => parseSince(v),
    );
  listOptions(command)
    .addHelpText(
      'after',
      '\nExamples:\n  opencom tickets list --status in_progress --assignee agt_mara\n  opencom tickets list --priority urgent --all --json',
    )
    .action(async (flags: ListTicketsFlags) => {
      const ctx = context();
      const opencom = await ctx.api();
      const filters = compact({
        status: flags.status,
        priority: flags.priority,
        assignee: flags.assignee,
        visitorId: flags.visitor,
        conversationId: flags.conversation,
        updatedSince: flags.updatedSince,
      });
      await printList(
        ctx,
        flags,
        (query) => opencom.tickets.list({ ...filters, ...query }),
        [
          { header: 'id', value: (t) => t.id },
          { header: 'status', value: (t) => t.status },
          { header: 'priority', value: (t) => t.priority },
          { header: 'subject', value: (t) => t.subject, max: 40 },
          { header: 'assignee', value: (t) => t.assigneeId },
          { header: 'updated', value: (t) => formatTime(t.updatedAt) },
        ],
        'No tickets match.',
      );
    });
}
