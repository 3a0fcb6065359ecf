import type { WebhookBody } from './body.js';
import { runtimeCrypto } from './crypto/runtime.js';
import type { SecretOptions } from './internal/options.js';
import { defaultId, headersFor, sign, signSync } from './internal/sign-core.js';
import type { WebhookScheme } from './schemes/signed-delivery.js';

/**
 * Options of {@link signWebhook}.
 *
 * @example
 * ```ts
 * const options: SignWebhookOptions = { id: 'evt_1', timestamp: new Date(), body: '{}', secret };
 * ```
 */
export type SignWebhookOptions = {
  /** The `webhook-id`: the event id. */
  id: string;
  /** Signing time: a `Date` or integer epoch **seconds** (the `webhook-timestamp` value). */
  timestamp: number | Date;
  body: WebhookBody;
} & SecretOptions;

/**
 * Computes the Standard Webhooks `webhook-signature` value, `v1,<base64>`, or one space-separated
 * signature per secret when `secrets` is given (a rotation). For tests and for senders.
 *
 * @example
 * ```ts
 * const signature = await signWebhook({
 *   id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
 *   timestamp: 1614265330,
 *   body: '{"test": 2432232314}',
 *   secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 * });
 * // 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='
 * ```
 * @see https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 */
export async function signWebhook(options: SignWebhookOptions): Promise<string> {
  return (await sign(runtimeCrypto, { ...options, scheme: 'standard' })).header;
}

/**
 * The synchronous form of {@link signWebhook} (Node build only; throws in the Web build).
 *
 * @example
 * ```ts
 * const signature = signWebhookSync({ id: 'evt_1', timestamp: new Date(), body: rawBody, secret });
 * ```
 */
export function signWebhookSync(options: SignWebhookOptions): string {
  return signSync(runtimeCrypto, { ...options, scheme: 'standard' }, 'signWebhookSync').header;
}

/**
 * Options of {@link generateTestHeaders}.
 *
 * @example
 * ```ts
 * const options: GenerateTestHeadersOptions = { body: JSON.stringify(event), secret, scheme: 'legacy' };
 * ```
 */
export type GenerateTestHeadersOptions = {
  body: WebhookBody;
  /** Default: the body's `id` when it is a JSON object with one, else a random `evt_test_...`. */
  id?: string;
  /** A `Date` or integer epoch seconds. Default: now. */
  timestamp?: number | Date;
  /** `standard` (default) for `webhook-*` headers, `legacy` for the seed's `X-Opencom-*` headers. */
  scheme?: WebhookScheme;
} & SecretOptions;

/**
 * Builds the complete header set of a signed delivery (lower-case names, plus
 * `content-type: application/json`), ready for `new Request(url, { method: 'POST', body, headers })`,
 * supertest's `.set(headers)` or `verifyWebhook`.
 *
 * @example
 * ```ts
 * const body = JSON.stringify({ id: 'evt_1', type: 'webhook.test', createdAt: Date.now(),
 *   workspaceId: 'ws_1', resource: { type: 'webhook', id: 'whk_1' }, data: {} });
 * const headers = await generateTestHeaders({ body, secret });
 * const response = await handler(new Request('http://localhost/webhooks', { method: 'POST', body, headers }));
 * ```
 */
export async function generateTestHeaders(
  options: GenerateTestHeadersOptions,
): Promise<Record<string, string>> {
  return headersFor(await sign(runtimeCrypto, testInput(options)));
}

/**
 * The synchronous form of {@link generateTestHeaders} (Node build only; throws in the Web build).
 *
 * @example
 * ```ts
 * const headers = generateTestHeadersSync({ body, secret });
 * await request(app).post('/webhooks').set(headers).send(body).expect(204);
 * ```
 */
export function generateTestHeadersSync(options: GenerateTestHeadersOptions): Record<string, string> {
  return headersFor(signSync(runtimeCrypto, testInput(options), 'generateTestHeadersSync'));
}

function testInput(options: GenerateTestHeadersOptions): Parameters<typeof sign>[1] {
  const { id, timestamp, scheme, ...rest } = options;
  return { ...rest, id: id ?? defaultId(options.body), timestamp, scheme: scheme ?? 'standard' };
}
