import { encodeBase64, encodeHex, utf8Encoder } from '../internal/encoding.js';
import type { CryptoBackend, DigestEncoding } from './backend.js';

// Importing a CryptoKey costs about as much as the HMAC itself, so keys are imported once per key
// buffer (the secret module hands out one cached buffer per secret string).
const keys = new WeakMap<Uint8Array, Promise<CryptoKey>>();

function importKey(key: Uint8Array): Promise<CryptoKey> {
  let imported = keys.get(key);
  if (imported === undefined) {
    imported = crypto.subtle.importKey('raw', bufferSource(key), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    imported.catch(() => keys.delete(key));
    keys.set(key, imported);
  }
  return imported;
}

function message(prefix: string, body: string | Uint8Array): Uint8Array<ArrayBuffer> {
  if (typeof body === 'string') return utf8Encoder.encode(prefix + body);
  const head = utf8Encoder.encode(prefix);
  const bytes = new Uint8Array(head.length + body.length);
  bytes.set(head);
  bytes.set(body, head.length);
  return bytes;
}

// Web Crypto wants an ArrayBuffer-backed view; a Uint8Array over a SharedArrayBuffer is copied.
function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

async function hmac(
  key: Uint8Array,
  prefix: string,
  body: string | Uint8Array,
  encoding: DigestEncoding,
): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await importKey(key), message(prefix, body)));
  return encoding === 'hex' ? encodeHex(mac) : encodeBase64(mac);
}

/**
 * The Web build's backend: `crypto.subtle`, present in browsers, Deno, Bun, Cloudflare Workers,
 * Vercel Edge and Node. Async only, so the `*Sync` functions are unavailable in that build.
 */
export const webCrypto: CryptoBackend = { name: 'web', hmacSync: undefined, hmac };
