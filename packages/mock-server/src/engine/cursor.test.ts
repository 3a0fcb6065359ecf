import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CursorCodec } from './cursor';

/** The detail of the 400 `invalid_cursor` problem. */
const INVALID = /malformed, was modified, or belongs to another list/;

describe('CursorCodec', () => {
  it('issues the same cursor for the same position and still refuses an altered one', () => {
    const codec = new CursorCodec(randomBytes(32));
    const cursor = codec.encode('rows', ['w', 1, 'r1']);
    expect(codec.encode('rows', ['w', 1, 'r1'])).toBe(cursor);
    expect(codec.decode('rows', cursor)).toEqual(['w', 1, 'r1']);
    expect(codec.decode('rows', cursor)).toEqual(['w', 1, 'r1']);
    const [payload = '', signature = ''] = cursor.split('.');
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    expect(() => codec.decode('rows', `${payload}.${flipped}`)).toThrow(INVALID);
    const forged = Buffer.from(JSON.stringify({ l: 'rows', k: ['w', 3, 'r3'] })).toString('base64url');
    expect(() => codec.decode('rows', `${forged}.${signature}`)).toThrow(INVALID);
    expect(() => codec.decode('other', cursor)).toThrow(INVALID);
    expect(() => new CursorCodec(randomBytes(32)).decode('rows', cursor)).toThrow(INVALID);
  });
});
