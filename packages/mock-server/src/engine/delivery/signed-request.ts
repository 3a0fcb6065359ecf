import { signWebhookSync } from '@opencom/webhooks';
import type { EngineState } from '../context';
import type { WebhookRow } from '../store/store';

const USER_AGENT = 'Opencom-Webhooks/1.0 (reference server)';

/**
 * The secrets that sign right now: the current one, and the previous one until its overlap ends
 * (spec: rotateWebhookSecret). They are decrypted only for the moment of signing.
 */
export function signingSecrets(engine: EngineState, subscription: WebhookRow, now: number): string[] {
  const secrets = [engine.secrets.open(subscription.secretCiphertext)];
  const { previousSecretCiphertext, previousSecretExpiresAt } = subscription;
  if (
    previousSecretCiphertext !== null &&
    previousSecretExpiresAt !== null &&
    previousSecretExpiresAt > now
  ) {
    secrets.push(engine.secrets.open(previousSecretCiphertext));
  }
  return secrets;
}

/**
 * The Standard Webhooks headers of one attempt: `webhook-id` is the event ID (the same on every retry
 * and replay), `webhook-timestamp` the attempt's time in seconds on the engine clock, and
 * `webhook-signature` one `v1,` signature per signing secret, space-separated.
 */
export function signedHeaders(
  eventId: string,
  body: string,
  timestampSeconds: number,
  secrets: readonly string[],
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'webhook-id': eventId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signWebhookSync({ id: eventId, timestamp: timestampSeconds, body, secrets }),
  };
}
