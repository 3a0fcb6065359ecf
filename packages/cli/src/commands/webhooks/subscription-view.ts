import type { components } from '@opencom/sdk';
import type { Context } from '../../context';
import { formatTime } from '../../output/format';
import type { Column } from '../../output/output';

export type Subscription = components['schemas']['WebhookSubscription'];

/** An empty filter matches everything (spec: WebhookEventTypeFilter). */
const filter = (values: readonly string[]) => (values.length === 0 ? 'all' : values.join(', '));

const status = (subscription: Subscription) =>
  subscription.disabledReason
    ? `${subscription.status} (${subscription.disabledReason})`
    : subscription.status;

export const subscriptionColumns: Column<Subscription>[] = [
  { header: 'id', value: (s) => s.id },
  { header: 'url', value: (s) => s.url, max: 60 },
  { header: 'status', value: (s) => s.status },
  { header: 'events', value: (s) => filter(s.eventTypes), max: 50 },
  { header: 'description', value: (s) => s.description, max: 40 },
  { header: 'created', value: (s) => formatTime(s.createdAt) },
];

/** One subscription as label / value pairs; never its secret (only the API's `secretPrefix`). */
export function printSubscription(ctx: Context, subscription: Subscription): void {
  ctx.output.fields([
    ['id', subscription.id],
    ['url', subscription.url],
    ['status', status(subscription)],
    ['description', subscription.description],
    ['events', filter(subscription.eventTypes)],
    ['resource types', filter(subscription.resourceTypes)],
    ['channels', filter(subscription.channels)],
    ['secret', `${subscription.secretPrefix}… (shown only at creation and rotation)`],
    ['created', formatTime(subscription.createdAt)],
    ['updated', formatTime(subscription.updatedAt)],
  ]);
}

/**
 * The one-time reveal of a signing secret (create, rotate-secret): on stdout, because it is the data
 * the user must capture, with a hint on stderr that it cannot be read back.
 */
export function revealSecret(ctx: Context, subscription: Subscription & { secret: string }): void {
  ctx.output.text(`\nSigning secret: ${subscription.secret}`);
  ctx.output.warn(
    `Store this secret now (for example as OPENCOM_WEBHOOK_SECRET in your receiver's environment): it is not shown again. ` +
      `Lost it? Run: opencom webhooks rotate-secret ${subscription.id}`,
  );
}
