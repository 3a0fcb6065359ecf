import { describe, expect, it } from 'vitest';
import { parseDuration, parseSince } from './duration';

describe('parseDuration', () => {
  it('reads ms, s, m, h and d, and a bare number as seconds', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('90')).toBe(90_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('2d')).toBe(172_800_000);
  });

  it('rejects anything else with a message that shows the accepted forms', () => {
    expect(() => parseDuration('soon')).toThrow('expected a duration such as 90s, 15m, 1h or 2d.');
    expect(() => parseDuration('-5m')).toThrow();
  });
});

describe('parseSince', () => {
  const now = Date.UTC(2026, 10, 29, 12);
  it('takes a duration ago, an ISO date, or epoch milliseconds', () => {
    expect(parseSince('1h', now)).toBe(now - 3_600_000);
    expect(parseSince('2026-11-29T10:00:00Z', now)).toBe(Date.UTC(2026, 10, 29, 10));
    expect(parseSince('1795900000000', now)).toBe(1_795_900_000_000);
    expect(() => parseSince('yesterday-ish', now)).toThrow('expected a duration ago');
  });
});
