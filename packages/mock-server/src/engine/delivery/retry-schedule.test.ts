import { describe, expect, it } from 'vitest';
import {
  checkRetrySchedule,
  DEFAULT_RETRY_SCHEDULE,
  delayBefore,
  parseRetrySchedule,
} from './retry-schedule';

describe('retry schedule', () => {
  it('defaults to the seed schedule: at once, 30 s, 2 min, 10 min, 1 h', () => {
    expect(DEFAULT_RETRY_SCHEDULE).toEqual([0, 30_000, 120_000, 600_000, 3_600_000]);
  });

  it('parseRetrySchedule("0,1s,2s,5s,10s") reads units ms, s, m, h and bare seconds', () => {
    expect(parseRetrySchedule('0,1s,2s,5s,10s')).toEqual([0, 1000, 2000, 5000, 10_000]);
    expect(parseRetrySchedule('250ms, 1.5s,2m,1h,3')).toEqual([250, 1500, 120_000, 3_600_000, 3000]);
  });

  it.each(['', '1s,,2s', '-1s', '1d', 'soon'])('parseRetrySchedule(%j) throws', (value) => {
    expect(() => parseRetrySchedule(value)).toThrow(RangeError);
  });

  it('checkRetrySchedule refuses an empty, too long or negative schedule', () => {
    expect(() => checkRetrySchedule([])).toThrow(/1 to 20/);
    expect(() => checkRetrySchedule(Array(21).fill(0))).toThrow(/1 to 20/);
    expect(() => checkRetrySchedule([0, -5])).toThrow(/>= 0/);
    expect(() => checkRetrySchedule([0, Number.NaN])).toThrow(/>= 0/);
  });

  it('delayBefore(attempt) jitters the entry by up to ±20 %, and a longer Retry-After wins', () => {
    const schedule = DEFAULT_RETRY_SCHEDULE;
    expect(delayBefore(schedule, 1, () => 0.99)).toBe(0);
    expect(delayBefore(schedule, 2, () => 0.5)).toBe(30_000);
    expect(delayBefore(schedule, 2, () => 0)).toBe(24_000);
    expect(delayBefore(schedule, 2, () => 0.999_999)).toBe(36_000);
    expect(delayBefore(schedule, 3, () => 0.5, 600)).toBe(600_000);
    expect(delayBefore(schedule, 3, () => 0.5, 5)).toBe(120_000);
  });
});
