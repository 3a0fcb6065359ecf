import type { Command } from 'commander';
import type { Context } from '../../context';
import { parseDuration } from '../../kit/duration';
import { printDelivery } from './delivery-view';
import { reportFirstAttempt, waitForFirstAttempt } from './first-attempt';

interface Flags {
  wait: boolean;
  timeout: number;
}

/** `opencom webhooks test <id>`: a signed `webhook.test` delivery to this subscription only, and its result. */
export function define(webhooks: Command, context: () => Context): void {
  webhooks
    .command('test')
    .description('send a signed webhook.test event to one subscription and show how the receiver answered')
    .argument('<webhookId>', 'the subscription (paused and disabled ones can be tested too)')
    .option('--no-wait', 'return once the delivery is queued, without waiting for the first attempt')
    .option('--timeout <duration>', 'how long to wait for the first attempt', parseDuration, 15_000)
    .addHelpText(
      'after',
      '\nExits 1 when the receiver did not answer 2xx.\n\nExamples:\n  opencom webhooks test whk_4f8g2h\n  opencom webhooks test whk_4f8g2h --no-wait --json',
    )
    .action((id: string, flags: Flags) => run(id, flags, context()));
}

async function run(id: string, flags: Flags, ctx: Context): Promise<void> {
  const opencom = await ctx.api();
  const queued = await opencom.webhooks.test(id);
  const delivery = flags.wait ? await waitForFirstAttempt(ctx, opencom, queued, flags.timeout) : queued;
  ctx.output.result(delivery, () => printDelivery(ctx, delivery));
  if (flags.wait) reportFirstAttempt(ctx, `Test delivery ${delivery.id}`, delivery);
  else
    ctx.output.success(
      `Queued test delivery ${delivery.id}; follow it with: opencom webhooks deliveries ${delivery.id}`,
    );
}
