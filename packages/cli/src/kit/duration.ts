import { InvalidArgumentError } from 'commander';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `15m`, `1h`, `2d`, `500ms` (a bare number is seconds) in milliseconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a duration such as 90s, 15m, 1h or 2d.');
  return Math.round(Number(match[1]) * (UNITS[match[2] ?? 's'] ?? 1000));
}

/**
 * A point in time for `--since`: a duration ago (`1h`), an ISO date (`2026-11-29T10:00:00Z`), or
 * milliseconds since the epoch. Returns milliseconds since the epoch.
 */
export function parseSince(value: string, now = Date.now()): number {
  if (/^\d{12,}$/.test(value)) return Number(value);
  if (/^\d+(?:\.\d+)?(ms|s|m|h|d)?$/.test(value)) return now - parseDuration(value);
  const date = Date.parse(value);
  if (Number.isNaN(date))
    throw new InvalidArgumentError('expected a duration ago (1h, 30m), an ISO date or epoch milliseconds.');
  return date;
}
