import type { Command } from 'commander';
import type { Context } from '../../context';
import { attributes, compact } from '../../kit/body';
import { parseSince } from '../../kit/duration';
import { collect } from '../../kit/fields';
import { type ListFlags, listOptions, printList } from '../../kit/list';
import { formatTime } from '../../output/format';

interface ListVisitorsFlags extends ListFlags {
  email?: string;
  externalUserId?: string;
  externalId?: string;
  attr?: string[];
  updatedSince?: number;
}

export function defineList(noun: Command, context: () => Context): void {
  const command = noun
    .command('list')
    .description('list visitors, newest first (or in sync order with --updated-since)')
    .option('--email <address>', 'only this email address (exact, case-insensitive)')
    .option('--external-user-id <id>', 'only this externalUserId (several visitors may share one)')
    .option('--external-id <id>', 'only the visitor with this externalId')
    .option('--attr <key=value>', 'custom attribute matches (typed by the server); repeatable', collect)
    .option(
      '--updated-since <when>',
      'only profiles changed since: 1h, an ISO date or epoch ms (oldest first)',
      (v) => parseSince(v),
    );
  listOptions(command)
    .addHelpText(
      'after',
      '\nExamples:\n  opencom visitors list --email dana.whitfield@example.com\n  opencom visitors list --attr plan=pro --attr seats=5 --all --json',
    )
    .action(async (flags: ListVisitorsFlags) => {
      const ctx = context();
      const opencom = await ctx.api();
      const filters = compact({
        email: flags.email,
        externalUserId: flags.externalUserId,
        externalId: flags.externalId,
        customAttributes: attributes(flags.attr, false) as Record<string, string> | undefined,
        updatedSince: flags.updatedSince,
      });
      await printList(
        ctx,
        flags,
        (query) => opencom.visitors.list({ ...filters, ...query }),
        [
          { header: 'id', value: (v) => v.id },
          { header: 'name', value: (v) => v.name, max: 30 },
          { header: 'email', value: (v) => v.email },
          { header: 'external id', value: (v) => v.externalId },
          { header: 'last seen', value: (v) => formatTime(v.lastSeenAt) },
        ],
        'No visitors match.',
      );
    });
}
