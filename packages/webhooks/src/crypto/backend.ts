/** How a scheme encodes its MAC: Standard Webhooks uses base64, the seed's legacy scheme hex. */
export type DigestEncoding = 'base64' | 'hex';

/**
 * The one primitive verification needs, HMAC-SHA256 over `prefix` followed by the body bytes, from
 * whatever the runtime offers. `crypto/node.ts` and `crypto/web.ts` implement it; the package's
 * `exports` conditions pick one at import time (see `crypto/runtime.ts`).
 */
export interface CryptoBackend {
  readonly name: 'node' | 'web';
  /** Synchronous HMAC, or `undefined` where the runtime only has the async Web Crypto API. */
  readonly hmacSync:
    | ((key: Uint8Array, prefix: string, body: string | Uint8Array, encoding: DigestEncoding) => string)
    | undefined;
  hmac(key: Uint8Array, prefix: string, body: string | Uint8Array, encoding: DigestEncoding): Promise<string>;
}
