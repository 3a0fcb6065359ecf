import { runtimeCrypto } from './crypto/runtime.js';
import { authenticate, authenticateSync, type Pending } from './internal/verify-core.js';
import type { WebhookScheme } from './schemes/signed-delivery.js';
import type { VerifyWebhookOptions } from './verify.js';

/**
 * What {@link verifyWebhookSignature} vouches for: the delivery's id, signed timestamp and scheme.
 *
 * @example
 * ```ts
 * const { webhookId, timestamp, scheme }: WebhookDelivery = await verifyWebhookSignature(options);
 * ```
 */
export interface WebhookDelivery {
  /** `webhook-id` (legacy: `X-Opencom-Event-Id`, which that scheme does not sign). */
  readonly webhookId: string;
  /** The signed timestamp, epoch seconds. */
  readonly timestamp: number;
  readonly scheme: WebhookScheme;
}

function describe({ delivery }: Pending): WebhookDelivery {
  return { webhookId: delivery.webhookId, timestamp: delivery.timestamp, scheme: delivery.scheme };
}

/**
 * Checks only the signature and the timestamp, without parsing the body: for payloads that are not
 * Opencom events (other Standard Webhooks senders, conformance vectors) or to parse the body
 * yourself. Same options, checks and errors as {@link verifyWebhook}, minus `malformed` for the body.
 *
 * @example
 * ```ts
 * const delivery = await verifyWebhookSignature({ body: rawBody, headers, secret });
 * const payload = JSON.parse(rawBody); // your format
 * console.log(delivery.webhookId, payload);
 * ```
 */
export async function verifyWebhookSignature(options: VerifyWebhookOptions): Promise<WebhookDelivery> {
  return describe(await authenticate(runtimeCrypto, options));
}

/**
 * The synchronous form of {@link verifyWebhookSignature} (Node build only; throws in the Web build).
 *
 * @example
 * ```ts
 * const { webhookId } = verifyWebhookSignatureSync({ body: rawBody, headers: req.headers, secret });
 * ```
 */
export function verifyWebhookSignatureSync(options: VerifyWebhookOptions): WebhookDelivery {
  return describe(authenticateSync(runtimeCrypto, options, 'verifyWebhookSignatureSync'));
}
