import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApiProblem } from './http/problem';
import type { IndexKey } from './store/sorted-index';

/**
 * Opaque, tamper-evident cursors: the position (an index key) and the list it belongs to, signed
 * with the server's secret. A cursor that was edited, truncated or taken from another list is a 400
 * `invalid_cursor`, never a silent restart from the top.
 */
export class CursorCodec {
  readonly #secret: Buffer;

  constructor(secret: Buffer) {
    this.#secret = secret;
  }

  #sign(payload: string): string {
    return createHmac('sha256', this.#secret).update(payload).digest('base64url').slice(0, 22);
  }

  encode(list: string, key: IndexKey): string {
    const payload = Buffer.from(JSON.stringify({ l: list, k: key })).toString('base64url');
    return `${payload}.${this.#sign(payload)}`;
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
