import { usageError } from './errors.js';
import { utf8Decoder } from './internal/encoding.js';

/**
 * The raw request body, exactly as received. Parsed JSON is refused: re-serialising it changes the
 * bytes (whitespace, key order, unicode escapes) and the signature can never match.
 *
 * @example
 * ```ts
 * const body: WebhookBody = await request.text(); // or request.arrayBuffer(), a Buffer, a Uint8Array
 * ```
 */
export type WebhookBody = string | Uint8Array | ArrayBuffer;

/** Normalises a body to a string or bytes, or throws a usage error naming the real mistake. */
export function toRawBody(body: unknown): string | Uint8Array {
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  // `isView` and the tag check also recognise buffers from another realm (vm, jsdom test environments).
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer || Object.prototype.toString.call(body) === '[object ArrayBuffer]') {
    return new Uint8Array(body as ArrayBuffer);
  }
  if (body === undefined || body === null) {
    throw usageError(
      '`body` is required: pass the raw request body (a string, Uint8Array, Buffer or ArrayBuffer)',
    );
  }
  throw usageError(
    '`body` must be the raw request body (a string, Uint8Array, Buffer or ArrayBuffer), but an already ' +
      'parsed object was passed. A JSON body parser (express.json(), a framework default) ran first; ' +
      're-serialised JSON never matches the signature. Read the raw body instead; see the README.',
  );
}

/** The body as text for `JSON.parse` (UTF-8). */
export function bodyText(body: string | Uint8Array): string {
  return typeof body === 'string' ? body : utf8Decoder.decode(body);
}
