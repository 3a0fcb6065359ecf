import { createHmac } from 'node:crypto';
import type { CryptoBackend, DigestEncoding } from './backend.js';

// node:crypto HMAC is synchronous native OpenSSL: the fastest option, and the only one that allows a
// synchronous API. Two `update` calls avoid copying the body into a concatenated string.
function hmacSync(
  key: Uint8Array,
  prefix: string,
  body: string | Uint8Array,
  encoding: DigestEncoding,
): string {
  return createHmac('sha256', key).update(prefix).update(body).digest(encoding);
}

/** The Node build's backend (also used on Deno and Bun, which implement node:crypto). */
export const nodeCrypto: CryptoBackend = {
  name: 'node',
  hmacSync,
  hmac: async (key, prefix, body, encoding) => hmacSync(key, prefix, body, encoding),
};
