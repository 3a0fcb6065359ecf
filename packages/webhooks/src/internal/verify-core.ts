import { bodyText, toRawBody } from '../body.js';
import type { CryptoBackend } from '../crypto/backend.js';
import { usageError, WebhookVerificationError } from '../errors.js';
import type { OpencomEvent } from '../events.js';
import { readLegacyDelivery } from '../schemes/legacy.js';
import type { SignedDelivery } from '../schemes/signed-delivery.js';
import { readStandardDelivery } from '../schemes/standard.js';
import type { VerifyWebhookOptions } from '../verify.js';
import { parseJson } from './envelope.js';
import { nowOf, secretsOf, syncUnavailable, toleranceOf } from './options.js';
import { timingSafeEqual } from './timing-safe-equal.js';

/** A verified delivery: the event, and what the headers said (for dedupe and adapters). */
export interface Verified {
  readonly event: OpencomEvent;
  readonly delivery: SignedDelivery;
}

/** A delivery read from the headers, with everything its checks need. */
export interface Pending {
  readonly delivery: SignedDelivery;
  readonly body: string | Uint8Array;
  readonly secrets: readonly string[];
  readonly nowMs: number;
  readonly tolerance: number;
}

function prepare(options: VerifyWebhookOptions): Pending {
  if (typeof options !== 'object' || options === null) throw usageError('expected an options object');
  const secrets = secretsOf(options);
  const tolerance = toleranceOf(options.toleranceSeconds);
  const nowMs = nowOf(options.now);
  const body = toRawBody(options.body);
  const { headers } = options;
  if (typeof headers !== 'object' || headers === null) throw usageError('`headers` is required');
  const delivery =
    readStandardDelivery(headers) ??
    (options.acceptLegacy === false ? undefined : readLegacyDelivery(headers));
  if (delivery === undefined) {
    throw new WebhookVerificationError(
      'missing_header',
      options.acceptLegacy === false
        ? 'missing headers webhook-id, webhook-timestamp and webhook-signature'
        : 'missing headers webhook-id, webhook-timestamp and webhook-signature (and no legacy X-Opencom-Signature)',
    );
  }
  return { delivery, body, secrets, nowMs, tolerance };
}

function matchesAny(expected: string, signatures: readonly string[]): boolean {
  for (const signature of signatures) {
    if (timingSafeEqual(expected, signature)) return true;
  }
  return false;
}

function noMatch({ delivery, secrets }: Pending): WebhookVerificationError {
  if (delivery.signatures.length === 0) {
    return new WebhookVerificationError(
      'bad_signature',
      `${delivery.signatureHeader} holds no v1 signature (other versions are ignored)`,
    );
  }
  const against = secrets.length === 1 ? 'the secret' : `any of the ${secrets.length} secrets`;
  return new WebhookVerificationError(
    'bad_signature',
    `no signature in ${delivery.signatureHeader} matches ${against}. Check the secret, and pass the raw ` +
      'request body (parsed and re-serialised JSON never matches)',
  );
}

// Runs after the signature matched: the timestamp is authentic, so its error is trustworthy.
function checkTimestamp({ delivery, nowMs, tolerance }: Pending): void {
  const age = Math.floor(nowMs / 1000) - delivery.timestamp;
  if (age > tolerance) {
    throw new WebhookVerificationError(
      'timestamp_too_old',
      `the delivery was signed ${age} s ago, beyond the ${tolerance} s tolerance (a replay, or a slow clock)`,
    );
  }
  if (-age > tolerance) {
    throw new WebhookVerificationError(
      'timestamp_too_new',
      `the delivery is signed ${-age} s in the future, beyond the ${tolerance} s tolerance (check the clocks)`,
    );
  }
}

/** Checks signature and timestamp with a synchronous backend (node:crypto); throws when it has none. */
export function authenticateSync(
  backend: CryptoBackend,
  options: VerifyWebhookOptions,
  name: string,
): Pending {
  const { hmacSync } = backend;
  if (hmacSync === undefined) throw syncUnavailable(name);
  const pending = prepare(options);
  const { delivery, body } = pending;
  if (delivery.signatures.length > 0) {
    for (const secret of pending.secrets) {
      const expected = hmacSync(delivery.key(secret), delivery.signedPrefix, body, delivery.encoding);
      if (matchesAny(expected, delivery.signatures)) {
        checkTimestamp(pending);
        return pending;
      }
    }
  }
  throw noMatch(pending);
}

/** Checks signature and timestamp with any backend; uses the synchronous HMAC when there is one. */
export async function authenticate(backend: CryptoBackend, options: VerifyWebhookOptions): Promise<Pending> {
  if (backend.hmacSync !== undefined) return authenticateSync(backend, options, 'verifyWebhookSync');
  const pending = prepare(options);
  const { delivery, body } = pending;
  if (delivery.signatures.length > 0) {
    for (const secret of pending.secrets) {
      const expected = await backend.hmac(
        delivery.key(secret),
        delivery.signedPrefix,
        body,
        delivery.encoding,
      );
      if (matchesAny(expected, delivery.signatures)) {
        checkTimestamp(pending);
        return pending;
      }
    }
  }
  throw noMatch(pending);
}

/** Turns an authenticated delivery into its event (JSON, envelope check or legacy normalisation). */
export function toVerified({ delivery, body }: Pending): Verified {
  return { event: delivery.toEvent(parseJson(bodyText(body))), delivery };
}

export function verifyDeliverySync(
  backend: CryptoBackend,
  options: VerifyWebhookOptions,
  name: string,
): Verified {
  return toVerified(authenticateSync(backend, options, name));
}

export async function verifyDelivery(
  backend: CryptoBackend,
  options: VerifyWebhookOptions,
): Promise<Verified> {
  return toVerified(await authenticate(backend, options));
}
