import { usageError } from './errors.js';
import { decodeBase64, encodeBase64, utf8Encoder } from './internal/encoding.js';

const PREFIX = 'whsec_';

/**
 * Creates a new Standard Webhooks signing secret: `whsec_` followed by the base64 of 32 random bytes,
 * the format Opencom issues. Uses `crypto.getRandomValues`, available on every supported runtime.
 *
 * @example
 * ```ts
 * const secret = generateSecret(); // 'whsec_k3J0...='
 * ```
 * @see https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 */
export function generateSecret(): string {
  return PREFIX + encodeBase64(crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * Decodes a `whsec_` secret to the raw HMAC key bytes. The `whsec_` prefix is optional (as in the
 * reference libraries). Throws a `TypeError` for anything that is not non-empty standard base64; the
 * message never contains the secret.
 *
 * @example
 * ```ts
 * parseSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').length; // 24
 * ```
 */
export function parseSecret(secret: string): Uint8Array {
  if (typeof secret !== 'string') throw usageError('a secret must be a string such as "whsec_..."');
  const trimmed = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  const key = decodeBase64(trimmed);
  if (key === undefined || key.length === 0) {
    throw usageError(
      `the secret is not a valid Standard Webhooks secret ("whsec_" followed by base64; got ${describe(secret)})`,
    );
  }
  return key;
}

/**
 * Tells whether a value is a well-formed secret as the Standard Webhooks spec defines it: the
 * `whsec_` prefix, then base64 of 24 to 64 bytes. Secrets issued by Opencom (and by the seed system,
 * `whsec_` + 48 alphanumerics) pass.
 *
 * @example
 * ```ts
 * isValidSecret(generateSecret()); // true
 * isValidSecret('whsec_short');    // false
 * ```
 */
export function isValidSecret(value: unknown): value is string {
  if (typeof value !== 'string' || !value.startsWith(PREFIX)) return false;
  const key = decodeBase64(value.slice(PREFIX.length));
  return key !== undefined && key.length >= 24 && key.length <= 64;
}

// Describes a rejected secret without revealing it.
function describe(secret: string): string {
  const prefix = secret.startsWith(PREFIX) ? 'a "whsec_" value' : 'a value without the "whsec_" prefix';
  return `${prefix} of ${secret.length} characters`;
}

// Decoding costs about as much as a small HMAC, and receivers verify with the same one or two secrets
// all day, so keys are cached by secret string. The bound only matters for pathological callers.
const MAX_CACHED_KEYS = 64;
const standardKeys = new Map<string, Uint8Array>();
const legacyKeys = new Map<string, Uint8Array>();

function cached(cache: Map<string, Uint8Array>, secret: string, derive: (secret: string) => Uint8Array) {
  let key = cache.get(secret);
  if (key === undefined) {
    key = derive(secret);
    if (cache.size >= MAX_CACHED_KEYS) cache.clear();
    cache.set(secret, key);
  }
  return key;
}

/** The HMAC key of the Standard Webhooks `v1` scheme: the base64-decoded secret. */
export function standardKey(secret: string): Uint8Array {
  return cached(standardKeys, secret, parseSecret);
}

/** The HMAC key of the seed system's legacy scheme: the UTF-8 bytes of the whole secret string. */
export function legacyKey(secret: string): Uint8Array {
  return cached(legacyKeys, secret, (value) => {
    if (typeof value !== 'string' || value.length === 0)
      throw usageError('a secret must be a non-empty string');
    return utf8Encoder.encode(value);
  });
}
