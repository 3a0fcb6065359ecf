/**
 * Why a delivery was rejected, as a stable machine-readable code.
 *
 * - `missing_header`: a required signature header is absent or empty.
 * - `bad_signature`: no signature matched any of the secrets (also: only unknown signature versions).
 * - `timestamp_too_old` / `timestamp_too_new`: the signed timestamp is outside the tolerance window.
 * - `malformed`: a header or the body cannot be parsed (non-numeric timestamp, invalid JSON, not an event).
 *
 * @example
 * ```ts
 * const reason: WebhookVerificationReason = 'bad_signature';
 * ```
 * @see https://www.standardwebhooks.com/ (verification rules)
 */
export type WebhookVerificationReason =
  | 'missing_header'
  | 'bad_signature'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'malformed';

// A registry symbol rather than the class identity, so `instanceof` also holds when the ESM and the
// CJS build (or the Node and the Web build) of this package are both loaded in one process.
const brand = Symbol.for('@opencom/webhooks.WebhookVerificationError');

/**
 * Thrown (or rejected) when a delivery cannot be trusted. Read `reason` for the cause; the message
 * starts with `@opencom/webhooks:` and never contains a secret.
 *
 * @example
 * ```ts
 * try {
 *   const event = await verifyWebhook({ body, headers, secret });
 * } catch (error) {
 *   if (error instanceof WebhookVerificationError) {
 *     return new Response(error.reason, { status: 400 });
 *   }
 *   throw error;
 * }
 * ```
 */
export class WebhookVerificationError extends Error {
  /** The machine-readable cause. */
  readonly reason: WebhookVerificationReason;

  constructor(reason: WebhookVerificationReason, message: string, options?: { cause?: unknown }) {
    super(`@opencom/webhooks: ${message}`, options);
    this.name = 'WebhookVerificationError';
    this.reason = reason;
    Object.defineProperty(this, brand, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && brand in value;
  }
}

/** Builds the package-prefixed error for a programming mistake (wrong option types, parsed body, ...). */
export function usageError(message: string): TypeError {
  return new TypeError(`@opencom/webhooks: ${message}`);
}
