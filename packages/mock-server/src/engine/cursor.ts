import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import { ApiProblem } from './http/problem';
import type { IndexKey } from './store/sorted-index';

/** Bounds each memo below; a full memo starts again empty. */
const REMEMBERED = 10_000;

function remember(memo: Map<string, string>, key: string, value: string): string {
  if (memo.size >= REMEMBERED) memo.clear();
  memo.set(key, value);
  return value;
}

/**
 * Opaque, tamper-evident cursors: the position (an index key) and the list it belongs to, signed
 * with the server's secret. A cursor that was edited, truncated or taken from another list is a 400
 * `invalid_cursor`, never a silent restart from the top.
 */
export class CursorCodec {
  /** Imported once: an HMAC keyed with a raw Buffer imports the key again on every call. */
  readonly #key: KeyObject;
  /**
   * Cursors by position and signatures by payload: a list read page by page, or polled, issues and
   * checks the same few cursors over and over, and an HMAC costs more than the rest of a page.
   */
  readonly #issued = new Map<string, string>();
  readonly #signatures = new Map<string, string>();

  constructor(secret: Buffer) {
    this.#key = createSecretKey(secret);
  }

  #sign(payload: string): string {
    return (
      this.#signatures.get(payload) ??
      remember(
        this.#signatures,
        payload,
        createHmac('sha256', this.#key).update(payload).digest('base64url').slice(0, 22),
      )
    );
  }

  encode(list: string, key: IndexKey): string {
    const position = JSON.stringify({ l: list, k: key });
    const issued = this.#issued.get(position);
    if (issued !== undefined) return issued;
    const payload = Buffer.from(position).toString('base64url');
    return remember(this.#issued, position, `${payload}.${this.#sign(payload)}`);
  }

  decode(list: string, cursor: string): IndexKey {
    const [payload = '', signature = ''] = cursor.split('.');
    const expected = this.#sign(payload);
    const valid =
      signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
    if (valid) {
      try {
        const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
          l?: unknown;
          k?: unknown;
        };
        if (decoded.l === list && Array.isArray(decoded.k)) return decoded.k as IndexKey;
      } catch {
        // fall through to the problem below
      }
    }
    throw new ApiProblem(
      400,
      'invalid_cursor',
      'Invalid cursor',
      'The cursor is malformed, was modified, or belongs to another list; start again without one.',
      { errors: [{ pointer: '/query/cursor', message: 'is not a cursor issued for this list' }] },
    );
  }
}
