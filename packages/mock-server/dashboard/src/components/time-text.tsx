import { formatTime } from '../format';

/** A timestamp as a `<time>` element, or `empty` when there is none. */
export function TimeText({ ms, empty = '—' }: { ms: number | null | undefined; empty?: string }) {
  if (ms === null || ms === undefined) return <span class="muted">{empty}</span>;
  return <time dateTime={new Date(ms).toISOString()}>{formatTime(ms)}</time>;
}
