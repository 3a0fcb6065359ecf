import type { Opencom } from '@opencom/sdk';
import type { Context } from '../../context';
import { CommandFailure } from '../../errors';
import { truncate } from '../../output/format';
import { attemptResult, type Delivery, type DeliveryDetail } from './delivery-view';

const POLL_MS = 200;

/**
 * Polls a new delivery until its first attempt has finished (the server starts it at once) or
 * `timeoutMs` passes; returns its latest state, with its attempts, either way. Ctrl-C stops the
 * wait, not the delivery.
 */
export async function waitForFirstAttempt(
  ctx: Context,
  opencom: Opencom,
  delivery: Delivery,
  timeoutMs: number,
): Promise<DeliveryDetail> {
  const deadline = Date.now() + timeoutMs;
  let interrupted = false;
  const stop = ctx.io.onInterrupt(() => {
    interrupted = true;
  });
  try {
    let current = await opencom.webhooks.deliveries.get(delivery.id);
    while (
      current.attemptCount === 0 &&
      current.status === 'pending' &&
      !interrupted &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      current = await opencom.webhooks.deliveries.get(delivery.id);
    }
    return current;
  } finally {
    stop();
  }
}

/**
 * One status line for the first attempt of `delivery` (`what` names it: "Test delivery dlv_1"), and a
 * failure (exit 1) when it did not succeed or did not finish, after the result has been printed.
 */
export function reportFirstAttempt(ctx: Context, what: string, delivery: Delivery): void {
  const attempt = delivery.lastAttempt;
  if (attempt === null) {
    ctx.output.warn(`${what} has not been attempted yet (${delivery.status})`);
    throw new CommandFailure(
      `no attempt finished in time; follow it with: opencom webhooks deliveries ${delivery.id}`,
    );
  }
  if (attempt.outcome === 'succeeded') {
    ctx.output.success(`${what} → ${attemptResult(attempt)}`);
    return;
  }
  const excerpt = attempt.responseBodyExcerpt ? `: ${truncate(attempt.responseBodyExcerpt, 80)}` : '';
  ctx.output.warn(`${what} failed → ${attemptResult(attempt)}${excerpt}`);
  const next =
    delivery.nextAttemptAt === null
      ? 'no retry is scheduled'
      : `attempt ${delivery.attemptCount + 1} of ${delivery.maxAttempts} is scheduled`;
  throw new CommandFailure(
    `the receiver did not accept it (${next}); see: opencom webhooks deliveries ${delivery.id}`,
  );
}
