import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { bodyText, toRawBody } from './body.js';

describe('toRawBody(body)', () => {
  it('keeps strings and bytes, and views ArrayBuffers and other typed arrays as bytes', () => {
    const bytes = new TextEncoder().encode('{"a":"é"}');
    expect(toRawBody('x')).toBe('x');
    expect(toRawBody(bytes)).toBe(bytes);
    expect(toRawBody(bytes.slice().buffer)).toEqual(bytes);
    expect(toRawBody(new DataView(bytes.buffer, 1, 2))).toEqual(bytes.subarray(1, 3));
  });

  it('accepts bytes from another realm (vm, jsdom)', () => {
    const foreign = runInNewContext('new Uint8Array([123, 125])') as unknown;
    const foreignBuffer = runInNewContext('new Uint8Array([123, 125]).buffer') as unknown;
    expect(bodyText(toRawBody(foreign))).toBe('{}');
    expect(bodyText(toRawBody(foreignBuffer))).toBe('{}');
  });

  it('refuses a parsed object, naming the body parser mistake, and a missing body', () => {
    expect(() => toRawBody({ id: 'evt_1' })).toThrow(/already parsed object.*JSON body parser/);
    expect(() => toRawBody(undefined)).toThrow(/`body` is required/);
  });
});
