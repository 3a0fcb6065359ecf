import { type Command, Option } from 'commander';
import type { Context } from '../../context';
import { compact } from '../../kit/body';
import { parseSince } from '../../kit/duration';
import { type ListFlags, listOptions, printList } from '../../kit/list';
import { formatTime } from '../../output/format';
import { describeTrigger, OUTBOUND_STATUSES, type OutboundMessage } from './view';

interface ListOutboundFlags extends ListFlags {
  status?: OutboundMessage['status'];
  updatedSince?: number;
}

export function defineList(noun: Command, context: () => Context): void {
  const command = noun
    .command('list')
    .description(
      'list outbound messages in every status, newest first (or in sync order with --updated-since)',
    )
    .addOption(new Option('--status <status>', 'only this status').choices(OUTBOUND_STATUSES))
    .option(
      '--updated-since <when>',
      'only those changed since: 1h, an ISO date or epoch ms (oldest first)',
      (v) => parseSince(v),
    );
  listOptions(command)
    .addHelpText(
      'after',
      '\nExamples:\n  opencom outbound list --status active\n  opencom outbound list --all --json',
    )
    .action(async (flags: ListOutboundFlags) => {
      const ctx = context();
      const opencom = await ctx.api();
      const filters = compact({ status: flags.status, updatedSince: flags.updatedSince });
      await printList(
        ctx,
        flags,
        (query) => opencom.outboundMessages.list({ ...filters, ...query }),
        [
          { header: 'id', value: (m) => m.id },
          { header: 'status', value: (m) => m.status },
          { header: 'name', value: (m) => m.name, max: 36 },
          { header: 'trigger', value: (m) => describeTrigger(m.triggers), max: 40 },
          { header: 'priority', value: (m) => m.priority },
          { header: 'updated', value: (m) => formatTime(m.updatedAt) },
        ],
        'No outbound messages match.',
      );
    });
}
