import type { components } from '@opencom/sdk';
import type { Context } from '../../context';
import { formatTime, truncate } from '../../output/format';
import type { Column } from '../../output/output';

export type Delivery = components['schemas']['WebhookDelivery'];
export type DeliveryDetail = components['schemas']['WebhookDeliveryDetail'];
type Attempt = components['schemas']['WebhookAttempt'];

/** What came back: `200 in 12ms`, `500 in 3ms`, `connection_refused after 2ms`, `302 redirect_not_followed`. */
export function attemptResult(attempt: Attempt): string {
  if (attempt.httpStatus === null) return `${attempt.error ?? 'no response'} after ${attempt.durationMs}ms`;
  const error = attempt.error === null ? '' : ` ${attempt.error}`;
  return `${attempt.httpStatus}${error} in ${attempt.durationMs}ms`;
}

const attempts = (d: Delivery) => `${d.attemptCount}/${d.maxAttempts}`;

export const deliveryColumns: Column<Delivery>[] = [
  { header: 'id', value: (d) => d.id },
  { header: 'status', value: (d) => d.status },
  { header: 'event', value: (d) => d.eventType },
  { header: 'event id', value: (d) => d.eventId },
  { header: 'webhook', value: (d) => d.webhookId },
  { header: 'attempts', value: attempts },
  { header: 'last result', value: (d) => (d.lastAttempt ? attemptResult(d.lastAttempt) : null) },
  { header: 'next retry', value: (d) => formatTime(d.nextAttemptAt) },
  { header: 'replay of', value: (d) => d.replayOf },
  { header: 'created', value: (d) => formatTime(d.createdAt) },
];

const attemptColumns: Column<Attempt>[] = [
  { header: '#', value: (a) => a.attemptNumber },
  { header: 'started', value: (a) => formatTime(a.startedAt) },
  { header: 'outcome', value: (a) => a.outcome },
  { header: 'http', value: (a) => a.httpStatus },
  { header: 'error', value: (a) => a.error },
  { header: 'duration', value: (a) => `${a.durationMs}ms` },
  { header: 'retry-after', value: (a) => (a.retryAfterSeconds === null ? null : `${a.retryAfterSeconds}s`) },
  {
    header: 'response',
    value: (a) => (a.responseBodyExcerpt === null ? null : truncate(a.responseBodyExcerpt, 60)),
  },
];

/** The delivery's own fields (a new replay, a test delivery). */
export function printDelivery(ctx: Context, delivery: Delivery): void {
  ctx.output.fields([
    ['id', delivery.id],
    ['status', delivery.status],
    ['event', `${delivery.eventType} (${delivery.eventId})`],
    ['webhook', delivery.webhookId],
    [
      'attempts',
      `${attempts(delivery)}${delivery.lastAttempt ? `, last ${attemptResult(delivery.lastAttempt)}` : ''}`,
    ],
    ['next attempt', formatTime(delivery.nextAttemptAt)],
    ['replay of', delivery.replayOf],
    ['created', formatTime(delivery.createdAt)],
    ['completed', formatTime(delivery.completedAt)],
  ]);
}

/** A delivery with its whole chain: every attempt, when the next one is due, and the replays it has had. */
export function printDeliveryDetail(
  ctx: Context,
  delivery: DeliveryDetail,
  replays: readonly Delivery[],
): void {
  printDelivery(ctx, delivery);
  if (replays.length > 0) {
    ctx.output.fields([['replayed as', replays.map((r) => `${r.id} (${r.status})`).join(', ')]]);
  }
  ctx.output.text('');
  if (delivery.attempts.length === 0) ctx.output.text('No attempt yet.');
  else ctx.output.table(delivery.attempts, attemptColumns);
  if (delivery.nextAttemptAt !== null) {
    ctx.output.note(
      `Attempt ${delivery.attemptCount + 1} of ${delivery.maxAttempts} is due at ${formatTime(delivery.nextAttemptAt)}.`,
    );
  }
}
