import { describe, expect, it } from 'vitest';
import { fullJitter, parseRetryAfter } from './backoff';

describe('fullJitter', () => {
  it('is uniform in [0, min(max, initial × 2^retry))', () => {
    expect(fullJitter(0, () => 0)).toBe(0);
    expect(fullJitter(0, () => 0.5)).toBe(250);
    expect(fullJitter(3, () => 0.5)).toBe(2000);
    expect(fullJitter(10, () => 0.5)).toBe(4000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 0, 1);
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('17', now)).toBe(17_000);
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(new Date(now + 4_000).toUTCString(), now)).toBe(4_000);
    expect(parseRetryAfter(new Date(now - 4_000).toUTCString(), now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
