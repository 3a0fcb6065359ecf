import type { WebhookBody } from './body.js';
import { runtimeCrypto } from './crypto/runtime.js';
import type { OpencomEvent } from './events.js';
import type { WebhookHeaders } from './headers.js';
import type { SecretOptions } from './internal/options.js';
import { verifyDelivery, verifyDeliverySync } from './internal/verify-core.js';

/**
 * How strictly a delivery is checked, shared by {@link verifyWebhook} and the adapters.
 *
 * @example
 * ```ts
 * const settings: VerifySettings = { toleranceSeconds: 600, acceptLegacy: false };
 * ```
 */
export interface VerifySettings {
  /** Largest accepted distance, in either direction, between the signed timestamp and `now`. Default 300. `Infinity` disables the check. */
  toleranceSeconds?: number;
  /** The current time (a `Date` or epoch milliseconds), for tests and queued deliveries. Default `Date.now()`. */
  now?: Date | number;
  /** Accept the seed system's `X-Opencom-Signature: t=..,v1=<hex>` scheme when no `webhook-*` header is present. Default `true`. */
  acceptLegacy?: boolean;
}

/**
 * Options of {@link verifyWebhook}: the raw body, the request headers, and `secret` (or `secrets`
 * during a rotation).
 *
 * @example
 * ```ts
 * const options: VerifyWebhookOptions = { body: rawBody, headers: req.headers, secrets: [current, previous] };
 * ```
 */
export type VerifyWebhookOptions = {
  /** The raw request body, byte for byte as received. Never parsed JSON. */
  body: WebhookBody;
  headers: WebhookHeaders;
} & SecretOptions &
  VerifySettings;

/**
 * Verifies a webhook delivery and returns its typed event. Works on every runtime: the Node build
 * (Node, Deno, Bun) computes the HMAC synchronously with node:crypto inside; the Web build (browsers,
 * Workers, Vercel Edge) uses Web Crypto. Both give the same results.
 *
 * Checks Standard Webhooks `v1` (HMAC-SHA256 over `id.timestamp.body`, several signatures and several
 * secrets allowed) or, when only `X-Opencom-Signature` is present, the seed system's legacy scheme
 * (its body is returned in the canonical envelope). The timestamp must be within `toleranceSeconds`
 * of `now` in both directions; signatures are compared in constant time.
 *
 * Rejects with a {@link WebhookVerificationError} (`reason`: `missing_header`, `bad_signature`,
 * `timestamp_too_old`, `timestamp_too_new`, `malformed`), or a `TypeError` for a programming mistake
 * such as passing a parsed body.
 *
 * @example
 * ```ts
 * import { verifyWebhook } from '@opencom/webhooks';
 *
 * export async function POST(request: Request) {
 *   const event = await verifyWebhook({
 *     body: await request.text(),
 *     headers: request.headers,
 *     secret: process.env.OPENCOM_WEBHOOK_SECRET!,
 *   });
 *   console.log(event.type, event.id);
 *   return new Response(null, { status: 204 });
 * }
 * ```
 * @see https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 */
export async function verifyWebhook(options: VerifyWebhookOptions): Promise<OpencomEvent> {
  return (await verifyDelivery(runtimeCrypto, options)).event;
}

/**
 * The synchronous form of {@link verifyWebhook}, for Node, Deno and Bun (the Node build, which uses
 * node:crypto). Same checks, same errors, thrown instead of rejected. In the Web build (browsers,
 * Workers, Vercel Edge) it throws a `TypeError` pointing to `await verifyWebhook(...)`.
 *
 * @example
 * ```ts
 * import { verifyWebhookSync, WebhookVerificationError } from '@opencom/webhooks';
 *
 * try {
 *   const event = verifyWebhookSync({ body: rawBody, headers: req.headers, secret });
 *   console.log(event.type);
 * } catch (error) {
 *   if (error instanceof WebhookVerificationError) console.log(error.reason);
 * }
 * ```
 */
export function verifyWebhookSync(options: VerifyWebhookOptions): OpencomEvent {
  return verifyDeliverySync(runtimeCrypto, options, 'verifyWebhookSync').event;
}
