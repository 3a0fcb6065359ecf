import type { DigestEncoding } from '../crypto/backend.js';
import { WebhookVerificationError } from '../errors.js';
import type { OpencomEvent } from '../events.js';

/**
 * The signing scheme a delivery used: Standard Webhooks `v1` (`standard`), or the seed system's
 * `X-Opencom-Signature` scheme (`legacy`).
 *
 * @example
 * ```ts
 * const { scheme }: { scheme: WebhookScheme } = await verifyWebhookSignature({ body, headers, secret });
 * if (scheme === 'legacy') console.warn('this sender still uses the seed signature');
 * ```
 */
export type WebhookScheme = 'standard' | 'legacy';

/** What a scheme read from the headers: everything needed to check the signature and build the event. */
export interface SignedDelivery {
  readonly scheme: WebhookScheme;
  /** `webhook-id` (or legacy `X-Opencom-Event-Id`): stable across retries, the dedupe key. */
  readonly webhookId: string;
  /** The signed timestamp, in seconds. */
  readonly timestamp: number;
  /** What is signed before the body: `id.timestamp.` or, legacy, `timestamp.`. */
  readonly signedPrefix: string;
  readonly encoding: DigestEncoding;
  /** The candidate MACs of the scheme's supported version, encoded as sent. */
  readonly signatures: readonly string[];
  /** The header the signatures came from, for messages. */
  readonly signatureHeader: string;
  /** Derives the HMAC key from a secret string. */
  key(secret: string): Uint8Array;
  /** Turns the parsed JSON body into the canonical event. */
  toEvent(parsed: unknown): OpencomEvent;
}

const SECONDS = /^[0-9]{1,12}$/;

/** Parses an integer-seconds header value, strictly (unlike `parseInt`, trailing junk is refused). */
export function parseTimestamp(value: string, header: string): number {
  if (!SECONDS.test(value)) {
    throw new WebhookVerificationError('malformed', `${header} must be an integer number of seconds`);
  }
  return Number(value);
}

export function missingHeaders(names: readonly string[]): WebhookVerificationError {
  const list = names.join(', ');
  return new WebhookVerificationError(
    'missing_header',
    `missing ${names.length === 1 ? 'header' : 'headers'} ${list}`,
  );
}
