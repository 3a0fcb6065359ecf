import type { Command } from 'commander';
import type { Context } from '../../context';
import { UsageError } from '../../errors';
import { parseDuration } from '../../kit/duration';
import { formatTime } from '../../output/format';
import { revealSecret } from './subscription-view';

interface Flags {
  expireCurrent?: number;
}

/** The most the current secret may keep signing (spec: WebhookSecretRotationOptions). */
const MAX_OVERLAP_SECONDS = 86_400;

/** `opencom webhooks rotate-secret <id>`: a new secret, shown once; the old one signs alongside for a while. */
export function define(webhooks: Command, context: () => Context): void {
  webhooks
    .command('rotate-secret')
    .description('create a new signing secret (shown once); the current one keeps signing for 24h by default')
    .argument('<webhookId>', 'the subscription')
    .option(
      '--expire-current <duration>',
      'how long the current secret keeps signing: 0 (leaked: retire it now) to 24h',
      parseDuration,
    )
    .addHelpText(
      'after',
      '\nDuring the overlap every delivery carries one signature per secret, so receivers can switch at their own pace.\n' +
        '\nExamples:\n  opencom webhooks rotate-secret whk_4f8g2h\n  opencom webhooks rotate-secret whk_4f8g2h --expire-current 1h\n  opencom webhooks rotate-secret whk_4f8g2h --expire-current 0',
    )
    .action((id: string, flags: Flags) => run(id, flags, context()));
}

async function run(id: string, flags: Flags, ctx: Context): Promise<void> {
  const seconds = flags.expireCurrent === undefined ? undefined : Math.ceil(flags.expireCurrent / 1000);
  if (seconds !== undefined && seconds > MAX_OVERLAP_SECONDS) {
    throw new UsageError('--expire-current can be at most 24h');
  }
  const rotated = await (await ctx.api()).webhooks.rotateSecret(
    id,
    seconds === undefined ? {} : { expireCurrentInSeconds: seconds },
  );
  ctx.output.result(rotated, () => {
    ctx.output.success(`Rotated the signing secret of webhook ${rotated.id}`);
    ctx.output.fields([
      ['id', rotated.id],
      ['url', rotated.url],
      ['new secret', `${rotated.secretPrefix}…`],
      ['previous secret signs until', formatTime(rotated.previousSecretExpiresAt)],
    ]);
    revealSecret(ctx, rotated);
  });
  if (ctx.output.json) ctx.output.warn('The secret in this output is shown only once: store it now.');
}
