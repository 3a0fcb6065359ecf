import { describe, expect, it } from 'vitest';
import { generateSecret, isValidSecret, legacyKey, parseSecret, standardKey } from './secret.js';

describe('generateSecret()', () => {
  it('returns whsec_ + base64 of 32 random bytes, different every time', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(parseSecret(secret)).toHaveLength(32);
    expect(generateSecret()).not.toBe(secret);
  });
});

describe('parseSecret(secret)', () => {
  it('decodes the official vector secret, with or without the prefix', () => {
    expect(parseSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toHaveLength(24);
    expect(parseSecret('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toEqual(
      parseSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'),
    );
  });

  it('decodes a seed-format secret (whsec_ + 48 alphanumerics) to 36 bytes', () => {
    expect(parseSecret('whsec_jyD4TM0GxBuknCvF28aVaoSR3OaNwJL4lAIGBTeaYmIbZVJz')).toHaveLength(36);
  });

  it.each(['', 'whsec_', 'whsec_abc!', 'whsec_a', 'whsec_ab cd', 'whsec_-_-_'])(
    'throws a TypeError for %j without echoing it',
    (secret) => {
      expect(() => parseSecret(secret)).toThrow(TypeError);
      try {
        parseSecret(secret);
      } catch (error) {
        expect((error as Error).message).toMatch(/^@opencom\/webhooks: /);
        if (secret.length > 'whsec_'.length) expect((error as Error).message).not.toContain(secret);
      }
    },
  );
});

describe('isValidSecret(value)', () => {
  it('accepts whsec_ + base64 of 24 to 64 bytes', () => {
    expect(isValidSecret(generateSecret())).toBe(true);
    expect(isValidSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe(true);
    expect(isValidSecret(`whsec_${btoa('x'.repeat(64))}`)).toBe(true);
  });

  it('rejects a missing prefix, short or long keys, bad base64 and non-strings', () => {
    expect(isValidSecret('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe(false);
    expect(isValidSecret(`whsec_${btoa('x'.repeat(23))}`)).toBe(false);
    expect(isValidSecret(`whsec_${btoa('x'.repeat(65))}`)).toBe(false);
    expect(isValidSecret('whsec_%%%%')).toBe(false);
    expect(isValidSecret(42)).toBe(false);
  });
});

describe('key derivation', () => {
  it('caches one key buffer per secret string (Web Crypto imports it once)', () => {
    const secret = generateSecret();
    expect(standardKey(secret)).toBe(standardKey(secret));
    expect(legacyKey(secret)).toBe(legacyKey(secret));
  });

  it('keys the legacy scheme with the UTF-8 bytes of the whole secret, prefix included', () => {
    expect(new TextDecoder().decode(legacyKey('whsec_abc'))).toBe('whsec_abc');
  });
});
