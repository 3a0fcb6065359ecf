import type { Command } from 'commander';
import type { Context } from '../../context';
import { printSubscription } from './subscription-view';

/** `opencom webhooks get <id>`: one subscription, without its secret. */
export function define(webhooks: Command, context: () => Context): void {
  webhooks
    .command('get')
    .description('show a webhook subscription (its secret is never shown again; see rotate-secret)')
    .argument('<webhookId>', 'the subscription, e.g. whk_4f8g2h')
    .addHelpText('after', '\nExamples:\n  opencom webhooks get whk_4f8g2h')
    .action((id: string) => run(id, context()));
}

async function run(id: string, ctx: Context): Promise<void> {
  const subscription = await (await ctx.api()).webhooks.get(id);
  ctx.output.result(subscription, () => printSubscription(ctx, subscription));
}
