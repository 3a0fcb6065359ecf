/**
 * The seed system's schedule: the first attempt at once, then 30 s, 2 min, 10 min and 1 h after each
 * failure (spec: WebhookDelivery). Entry `i` is the wait before attempt `i + 1`, so its length is the
 * number of attempts a delivery makes.
 */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = [0, 30_000, 120_000, 600_000, 3_600_000];

/** Each wait is moved by up to ±20 %, so receivers that failed together are not retried together. */
const JITTER = 0.2;

/** Checks a schedule given in options; throws a RangeError that names the package. */
export function checkRetrySchedule(schedule: readonly number[]): readonly number[] {
  if (schedule.length < 1 || schedule.length > 20) {
    throw new RangeError('@opencom/mock-server: retrySchedule needs 1 to 20 entries (one per attempt)');
  }
  for (const ms of schedule) {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`@opencom/mock-server: retrySchedule entries are milliseconds >= 0 (got ${ms})`);
    }
  }
  return [...schedule];
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses `0,1s,2s,5s,10s` (the `--retry-schedule` flag): durations with a unit of `ms`, `s`, `m` or `h`;
 * a bare number is seconds. Throws a RangeError for anything else.
 */
export function parseRetrySchedule(value: string): readonly number[] {
  const schedule = value.split(',').map((part) => {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(part.trim());
    if (!match) throw new RangeError(`"${part}" is not a duration such as 0, 500ms, 30s, 2m or 1h`);
    return Math.round(Number(match[1]) * (UNITS[match[2] ?? 's'] ?? 1000));
  });
  return checkRetrySchedule(schedule);
}

/**
 * The wait before attempt `attemptNumber` (1-based): the schedule's entry with jitter, and at least the
 * receiver's `Retry-After`. `random` returns [0, 1); 0.5 means no jitter.
 */
export function delayBefore(
  schedule: readonly number[],
  attemptNumber: number,
  random: () => number,
  retryAfterSeconds: number | null = null,
): number {
  const base = schedule[attemptNumber - 1] ?? 0;
  const jittered = Math.round(base * (1 + (random() * 2 - 1) * JITTER));
  return Math.max(jittered, (retryAfterSeconds ?? 0) * 1000);
}
