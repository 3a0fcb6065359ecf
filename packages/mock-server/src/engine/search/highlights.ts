import { type TermSpan, termSpans } from './tokenize';

/** The spec's limits (ArticleSearchResult.highlights): three excerpts of at most 200 characters. */
export const MAX_HIGHLIGHTS = 3;
export const MAX_EXCERPT_LENGTH = 200;

const ELLIPSIS = '…';

interface Candidate {
  text: string;
  /** Where it comes from: the title first, then the content in reading order. */
  position: number;
  spans: TermSpan[];
  distinct: number;
}

/**
 * Escapes the text around the marks, so `<mark>` is the only markup an excerpt can contain and a
 * client that renders highlights as HTML cannot be injected through article content.
 */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `text[start, end)` with every span wrapped in `<mark>`, everything else HTML-escaped. */
function mark(text: string, spans: readonly TermSpan[], start: number, end: number): string {
  let out = '';
  let at = start;
  for (const span of spans) {
    if (span.start < start || span.end > end) continue;
    out += `${escapeHtml(text.slice(at, span.start))}<mark>${escapeHtml(text.slice(span.start, span.end))}</mark>`;
    at = span.end;
  }
  return out + escapeHtml(text.slice(at, end));
}

/**
 * At most MAX_EXCERPT_LENGTH characters (ellipses included) of `candidate`, starting a little before
 * its first match and cut at word boundaries, with the matches marked.
 */
function excerpt({ text, spans }: Candidate): string {
  if (text.length <= MAX_EXCERPT_LENGTH) return mark(text, spans, 0, text.length);
  const first = spans[0]?.start ?? 0;
  let start = Math.max(0, first - 40);
  if (start > 0) {
    // Begin at a word: just after the nearest space before the match (or at the match itself).
    const space = text.lastIndexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : first;
  }
  const prefix = start > 0 ? ELLIPSIS : '';
  let end = start + MAX_EXCERPT_LENGTH - prefix.length;
  let suffix = '';
  if (end < text.length) {
    suffix = ELLIPSIS;
    end -= suffix.length;
    const space = text.lastIndexOf(' ', end);
    if (space > start) end = space;
  } else {
    end = text.length;
  }
  return prefix + mark(text, spans, start, end).trimEnd() + suffix;
}

/** Splits a text block into sentences (after `.`, `!` or `?` followed by a space). */
function sentences(block: string): string[] {
  return block.split(/(?<=[.!?])\s+(?=\S)/);
}

/**
 * Up to three plain-text excerpts of `title` and `blocks` (the content's text blocks) around the
 * query's terms, matches wrapped in `<mark>…</mark>`: the title when it matches, then the sentences
 * that contain the most distinct query terms, shown in reading order. Empty when nothing matches
 * (for example when only tags did).
 */
export function highlights(title: string, blocks: readonly string[], terms: ReadonlySet<string>): string[] {
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  const consider = (text: string) => {
    const spans = termSpans(text).filter((span) => terms.has(span.term));
    const key = text.toLowerCase();
    if (spans.length === 0 || seen.has(key)) return;
    seen.add(key);
    const distinct = new Set(spans.map((span) => span.term)).size;
    candidates.push({ text, position: candidates.length, spans, distinct });
  };
  consider(title);
  const titleMatched = candidates.length === 1;
  for (const block of blocks) for (const sentence of sentences(block)) consider(sentence);
  const [head, ...rest] = candidates;
  const chosen = titleMatched && head ? [head] : [];
  const pool = titleMatched ? rest : candidates;
  pool.sort((a, b) => b.distinct - a.distinct || a.position - b.position);
  chosen.push(...pool.slice(0, MAX_HIGHLIGHTS - chosen.length));
  chosen.sort((a, b) => a.position - b.position);
  return chosen.map(excerpt);
}
