const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-01-01 12:00:05` in the browser's time zone: sortable and the same in every locale. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** `4 min 05 s` (or `52 s`, `1 h 02 min`) for a positive span of milliseconds. */
export function formatSpan(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h} h ${pad(m)} min`;
  if (m > 0) return `${m} min ${pad(s)} s`;
  return `${s} s`;
}

/** A `datetime-local` input's value for `ms`, and back (local time, to the minute). */
export function toLocalInput(ms: number): string {
  return formatTime(ms).slice(0, 16).replace(' ', 'T');
}

export function fromLocalInput(value: string): number | null {
  if (value === '') return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : ms;
}

/** A list of filter values for people: `every event type` when empty. */
export function describeFilter(values: readonly string[], everything: string): string {
  return values.length === 0 ? everything : values.join(', ');
}
