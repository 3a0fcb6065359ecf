import type { components } from '@opencom/sdk';
import type { Command } from 'commander';
import type { Context } from '../../context';
import { UsageError } from '../../errors';
import { type FilterFlags, filterFields, filterOptions } from './filters';
import { printSubscription } from './subscription-view';

interface Flags extends FilterFlags {
  url?: string;
  description?: string;
  paused?: boolean;
  active?: boolean;
}

type Update = components['schemas']['WebhookSubscriptionUpdate'];

/** `opencom webhooks update <id>`: URL, description, filters, pause and resume. */
export function define(webhooks: Command, context: () => Context): void {
  filterOptions(
    webhooks
      .command('update')
      .description("change a subscription's URL, description or filters; pause or resume it")
      .argument('<webhookId>', 'the subscription')
      .option('--url <url>', 'a new delivery URL')
      .option('--description <text>', 'a new description ("" clears it)'),
  )
    .option(
      '--paused',
      'stop deliveries (events meanwhile are not queued; read them with `opencom events list`)',
    )
    .option('--active', 'resume deliveries; also re-enables a subscription the server disabled')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  opencom webhooks update whk_4f8g2h --paused\n' +
        '  opencom webhooks update whk_4f8g2h --active\n' +
        '  opencom webhooks update whk_4f8g2h --events all --channels chat\n' +
        '  opencom webhooks update whk_4f8g2h --url https://hooks.example.com/v2 --description ""',
    )
    .action((id: string, flags: Flags) => run(id, flags, context()));
}

function changes(flags: Flags): Update {
  if (flags.paused && flags.active) throw new UsageError('--paused and --active cannot be used together');
  const body: Update = {
    ...(flags.url === undefined ? {} : { url: flags.url }),
    ...(flags.description === undefined
      ? {}
      : { description: flags.description === '' ? null : flags.description }),
    ...filterFields(flags),
    ...(flags.paused ? { status: 'paused' as const } : {}),
    ...(flags.active ? { status: 'active' as const } : {}),
  };
  if (Object.keys(body).length === 0) {
    throw new UsageError(
      'nothing to update: pass --url, --description, --events, --resource-types, --channels, --paused or --active',
    );
  }
  return body;
}

async function run(id: string, flags: Flags, ctx: Context): Promise<void> {
  const body = changes(flags);
  const updated = await (await ctx.api()).webhooks.update(id, body);
  ctx.output.result(updated, () => {
    const verb = body.status === 'paused' ? 'Paused' : body.status === 'active' ? 'Resumed' : 'Updated';
    ctx.output.success(`${verb} webhook ${updated.id}`);
    printSubscription(ctx, updated);
  });
}
