import { describe, expect, it } from 'vitest';
import { readHeader, readListHeader, readSingleHeader } from './headers.js';

describe('readHeader(headers, name)', () => {
  it('reads Node-style lower-case names directly and other cases by scanning', () => {
    expect(readHeader({ 'webhook-id': 'a' }, 'webhook-id')).toBe('a');
    expect(readHeader({ 'Webhook-ID': 'b' }, 'webhook-id')).toBe('b');
    expect(readHeader({ 'webhook-idx': 'c' }, 'webhook-id')).toBeUndefined();
  });

  it('reads a WHATWG Headers instance and treats null and undefined values as absent', () => {
    expect(readHeader(new Headers({ 'Webhook-Id': 'a' }), 'webhook-id')).toBe('a');
    expect(readHeader(new Headers(), 'webhook-id')).toBeUndefined();
    expect(readHeader({ 'webhook-id': undefined, 'Webhook-Id': 'x' }, 'webhook-id')).toBe('x');
    expect(readHeader({ 'webhook-id': null }, 'webhook-id')).toBeUndefined();
  });
});

describe('readSingleHeader(headers, name)', () => {
  it('unwraps a one-element list and repeated identical values', () => {
    expect(readSingleHeader({ 'webhook-id': ['a'] }, 'webhook-id')).toBe('a');
    expect(readSingleHeader({ 'webhook-id': ['a', 'a'] }, 'webhook-id')).toBe('a');
    expect(readSingleHeader({ 'webhook-id': [] }, 'webhook-id')).toBeUndefined();
  });

  it('returns null for several different values (ambiguous)', () => {
    expect(readSingleHeader({ 'webhook-id': ['a', 'b'] }, 'webhook-id')).toBeNull();
  });
});

describe('readListHeader(headers, name)', () => {
  it('joins repeated signature headers with a space', () => {
    expect(readListHeader({ 'webhook-signature': ['v1,a', 'v1,b'] }, 'webhook-signature')).toBe('v1,a v1,b');
    expect(readListHeader({ 'webhook-signature': [] }, 'webhook-signature')).toBeUndefined();
  });
});
