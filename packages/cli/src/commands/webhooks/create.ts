import type { Command } from 'commander';
import type { Context } from '../../context';
import { type FilterFlags, filterFields, filterOptions } from './filters';
import { printSubscription, revealSecret } from './subscription-view';

interface Flags extends FilterFlags {
  url: string;
  description?: string;
  paused?: boolean;
}

/** `opencom webhooks create --url ...`: subscribes a URL and reveals its signing secret, once. */
export function define(webhooks: Command, context: () => Context): void {
  filterOptions(
    webhooks
      .command('create')
      .description('subscribe a URL to events; prints its signing secret once')
      .requiredOption('--url <url>', 'where deliveries are POSTed (https; http for local development)')
      .option('--description <text>', 'what the subscription is for'),
  )
    .option('--paused', 'create it paused, to set the receiver up before events arrive')
    .addHelpText(
      'after',
      '\nFilters combine with AND; one left out matches everything, including event types added later.\n' +
        '\nExamples:\n' +
        '  opencom webhooks create --url https://hooks.example.com/opencom --events message.created,conversation.claimed\n' +
        '  opencom webhooks create --url https://kb.example.com/hook --resource-types article,collection --description "KB sync"\n' +
        '  opencom webhooks create --url https://hooks.example.com/opencom --channels chat --paused --json',
    )
    .action((flags: Flags) => run(flags, context()));
}

async function run(flags: Flags, ctx: Context): Promise<void> {
  const created = await (await ctx.api()).webhooks.create({
    url: flags.url,
    ...(flags.description === undefined ? {} : { description: flags.description }),
    ...filterFields(flags),
    ...(flags.paused ? { status: 'paused' as const } : {}),
  });
  ctx.output.result(created, () => {
    ctx.output.success(`Created webhook ${created.id} → ${created.url}${flags.paused ? ' (paused)' : ''}`);
    printSubscription(ctx, created);
    revealSecret(ctx, created);
  });
  if (ctx.output.json) ctx.output.warn('The secret in this output is shown only once: store it now.');
}
