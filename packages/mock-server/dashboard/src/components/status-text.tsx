/** A shape per status, so a status reads the same without colour (styles.css shows it). */
const GLYPHS: Record<string, string> = {
  active: '●',
  open: '●',
  succeeded: '✓',
  failed: '✗',
  retrying: '↻',
  pending: '…',
  paused: 'Ⅱ',
  disabled: '⊘',
  expired: '⌛',
  closed: '○',
  snoozed: '☾',
};

/**
 * A status as its word, always written out; the glyph before it (hidden from screen readers) and the
 * colour only repeat it.
 */
export function StatusText({ status }: { status: string }) {
  return (
    <span class={`status status-${status}`} data-glyph={GLYPHS[status] ?? '•'}>
      {status}
    </span>
  );
}
