import type { EngineState } from '../context';
import type { WebhookRow } from '../store/store';

/** `disabledReason` values (spec: WebhookSubscription). */
export const DISABLED_GONE = 'receiver answered 410 Gone';
export const DISABLED_FAILING = 'every attempt failed for 24h';
const FAILING_LIMIT_MS = 24 * 60 * 60 * 1000;

/** A 2xx ends the subscription's run of failures. */
export function recordSuccess(engine: EngineState, subscription: WebhookRow): void {
  if (subscription.failingSince === null) return;
  engine.store.webhooks.update(subscription, (s) => {
    s.failingSince = null;
  });
}

/**
 * A failed attempt. Returns the reason the subscription must be disabled, or null: a `410 Gone`, or
 * failures for 24 h of clock time in a row while it is active (spec: WebhookSubscriptionStatus).
 */
export function recordFailure(
  engine: EngineState,
  subscription: WebhookRow,
  httpStatus: number | null,
  startedAt: number,
): string | null {
  if (httpStatus === 410) return DISABLED_GONE;
  if (subscription.failingSince === null) {
    engine.store.webhooks.update(subscription, (s) => {
      s.failingSince = startedAt;
    });
    return null;
  }
  const failingFor = startedAt - subscription.failingSince;
  return subscription.status === 'active' && failingFor >= FAILING_LIMIT_MS ? DISABLED_FAILING : null;
}

/** Sets `disabled` with its reason, audited as the server's own action (no credential). */
export function disableSubscription(engine: EngineState, subscription: WebhookRow, reason: string): void {
  if (subscription.status === 'disabled') return;
  const now = engine.clock.now();
  engine.store.webhooks.update(subscription, (s) => {
    s.status = 'disabled';
    s.disabledReason = reason;
    s.updatedAt = now;
  });
  engine.audit({
    workspaceId: subscription.workspaceId,
    credentialId: null,
    actorName: null,
    action: 'webhook.disable',
    target: { type: 'webhook', id: subscription.id },
    requestId: null,
  });
}
