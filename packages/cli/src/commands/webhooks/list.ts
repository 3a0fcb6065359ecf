import { type Command, Option } from 'commander';
import type { Context } from '../../context';
import { type ListFlags, listOptions, printList } from '../../kit/list';
import { subscriptionColumns } from './subscription-view';

interface Flags extends ListFlags {
  status?: 'active' | 'paused' | 'disabled';
}

/** `opencom webhooks list`: the workspace's subscriptions, newest first (never their secrets). */
export function define(webhooks: Command, context: () => Context): void {
  listOptions(
    webhooks
      .command('list')
      .description('list webhook subscriptions, newest first')
      .addOption(
        new Option('--status <status>', 'only subscriptions in this status').choices([
          'active',
          'paused',
          'disabled',
        ]),
      ),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  opencom webhooks list\n  opencom webhooks list --status disabled --json',
    )
    .action((flags: Flags) => run(flags, context()));
}

async function run(flags: Flags, ctx: Context): Promise<void> {
  const opencom = await ctx.api();
  const filters = flags.status === undefined ? {} : { status: flags.status };
  await printList(
    ctx,
    flags,
    (query) => opencom.webhooks.list({ ...filters, ...query }),
    subscriptionColumns,
    'No webhook subscriptions. Create one with: opencom webhooks create --url <url>',
  );
}
