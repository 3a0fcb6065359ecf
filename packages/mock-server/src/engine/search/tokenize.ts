/**
 * The knowledge-search tokenizer: words are runs of Unicode letters, marks and digits, lowercased;
 * a short list of English function words is dropped; the only stemming is a plural `s` (`refunds` and
 * `refund` match, `policies` and `policy` too). Deliberately small: the reference server's search has
 * to be predictable, not clever.
 */

/** Words too common to say anything about relevance ("how do I get a refund" searches get, refund). */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'a',
  'about',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'but',
  'by',
  'can',
  'do',
  'does',
  'for',
  'from',
  'has',
  'have',
  'how',
  'i',
  'if',
  'in',
  'into',
  'is',
  'it',
  'its',
  'me',
  'my',
  'of',
  'on',
  'or',
  'our',
  'so',
  'that',
  'the',
  'their',
  'then',
  'there',
  'these',
  'this',
  'to',
  'was',
  'we',
  'what',
  'when',
  'where',
  'which',
  'who',
  'why',
  'will',
  'with',
  'you',
  'your',
]);

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** A word's index term, or null for a stopword. */
export function termOf(word: string): string | null {
  const lower = word.normalize('NFKC').toLowerCase();
  if (STOPWORDS.has(lower)) return null;
  // Plurals only: `policies` → `policy`, `refunds` → `refund`; not `access`, `status`, `analysis`.
  if (lower.length > 4 && lower.endsWith('ies')) return `${lower.slice(0, -3)}y`;
  if (lower.length > 3 && lower.endsWith('s') && !/(?:ss|us|is)$/.test(lower)) return lower.slice(0, -1);
  return lower;
}

/** A term and where its word sits in the text (for highlighting). */
export interface TermSpan {
  term: string;
  start: number;
  end: number;
}

/** Every indexable word of `text` with its position, in order. */
export function termSpans(text: string): TermSpan[] {
  const spans: TermSpan[] = [];
  for (const match of text.matchAll(WORD)) {
    const term = termOf(match[0]);
    if (term !== null) spans.push({ term, start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

/** The index terms of `text`, in order, repeats kept (term frequency counts them). */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const term = termOf(match[0]);
    if (term !== null) terms.push(term);
  }
  return terms;
}
