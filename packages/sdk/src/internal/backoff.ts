/** Backoff settings of the retry loop (see `core/transport.ts`). */
export interface BackoffSettings {
  /** Upper bound of the first retry's delay. */
  initialDelayMs: number;
  /** No delay grows past this. */
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { initialDelayMs: 500, maxDelayMs: 8_000 };

/**
 * Exponential backoff with full jitter: a uniformly random delay in [0, min(max, initial × 2^retry)),
 * so clients that failed together do not retry together.
 */
export function fullJitter(retry: number, random: () => number, settings = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.initialDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * `Retry-After` in milliseconds: delta-seconds (what the API sends) or an HTTP date. Undefined when
 * absent or unparseable.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
