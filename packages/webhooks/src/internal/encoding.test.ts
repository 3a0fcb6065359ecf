import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64, encodeHex } from './encoding.js';

describe('decodeBase64(text)', () => {
  it('round-trips with encodeBase64 and accepts missing padding', () => {
    const bytes = Uint8Array.from({ length: 33 }, (_, i) => i * 7);
    expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
    expect(decodeBase64('YQ')).toEqual(new Uint8Array([97]));
  });

  it.each(['a', 'ab=c', 'a b=', 'YQ===', '-_8=', 'é'])('returns undefined for %j', (text) => {
    expect(decodeBase64(text)).toBeUndefined();
  });
});

describe('encodeHex(bytes)', () => {
  it('writes two lower-case digits per byte', () => {
    expect(encodeHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
  });
});
