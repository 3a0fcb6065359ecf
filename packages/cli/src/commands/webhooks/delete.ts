import type { Command } from 'commander';
import type { Context } from '../../context';
import { confirmDestructive } from '../../kit/confirm';

/** `opencom webhooks delete <id>`: asks first (or needs --yes without a terminal). */
export function define(webhooks: Command, context: () => Context): void {
  webhooks
    .command('delete')
    .description('delete a subscription and its secrets (its delivery history stays readable)')
    .argument('<webhookId>', 'the subscription')
    .option('-y, --yes', 'do not ask for confirmation (required without a terminal)')
    .addHelpText(
      'after',
      '\nExamples:\n  opencom webhooks delete whk_4f8g2h\n  opencom webhooks delete whk_4f8g2h --yes',
    )
    .action((id: string, flags: { yes?: boolean }) => run(id, flags, context()));
}

async function run(id: string, flags: { yes?: boolean }, ctx: Context): Promise<void> {
  const opencom = await ctx.api();
  await confirmDestructive(
    ctx,
    `Delete webhook ${id} (its pending retries end; its deliveries can no longer be replayed)?`,
    flags.yes,
  );
  const deleted = await opencom.webhooks.delete(id);
  ctx.output.result(deleted, () => ctx.output.success(`Deleted webhook ${id}`));
}
