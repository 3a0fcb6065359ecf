/**
 * Markdown → plain text, for indexing and for search highlights: link text without its URL, no
 * emphasis markers, headings and table cells as their text. A line-based approximation of CommonMark,
 * enough for help-center articles; what it cannot parse stays as text rather than disappearing.
 */

const FENCE = /^\s*(?:```|~~~)/;
const HEADING = /^#{1,6}\s+(.*?)(?:\s+#+)?$/;
const RULE = /^(?:[-*_]\s*){3,}$|^=+$/;
const TABLE_SEPARATOR = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$/;
const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])\s+(.*)$/;
const ESCAPED = /\\([\\`*_{}[\]()#+\-.!|<>~])/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** Inline Markdown of one block → its text. */
function inlineText(markdown: string): string {
  // Escaped characters are set aside first so that `\*` stays a star instead of emphasis syntax.
  const escaped: string[] = [];
  let text = markdown.replace(ESCAPED, (_, char: string) => `\uE000${escaped.push(char) - 1}\uE001`);
  text = text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/`+/g, '')
    .replace(/\*+|~~/g, '')
    // Underscores mark emphasis only at a word's edge; snake_case keeps them.
    .replace(/(^|[^\p{L}\p{N}_])_+(?=\S)/gu, '$1')
    .replace(/(\S)_+(?=[^\p{L}\p{N}_]|$)/gu, '$1')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '')
    .replace(/\uE000(\d+)\uE001/g, (_, at: string) => escaped[Number(at)] ?? '');
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The text blocks of a Markdown document: one per heading, paragraph, list item, table row or code
 * line, soft-wrapped lines joined with a space.
 */
export function markdownBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    const text = inlineText(paragraph.join(' '));
    if (text) blocks.push(text);
    paragraph = [];
  };
  let inFence = false;
  for (const line of markdown.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (FENCE.test(line)) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      if (trimmed) blocks.push(trimmed);
      continue;
    }
    const quoted = trimmed.replace(/^(?:>\s?)+/, '');
    if (!quoted || RULE.test(quoted)) {
      flush();
      continue;
    }
    const heading = HEADING.exec(quoted);
    if (heading) {
      flush();
      paragraph = [heading[1] ?? ''];
      flush();
      continue;
    }
    if (quoted.startsWith('|')) {
      flush();
      if (TABLE_SEPARATOR.test(quoted)) continue;
      const cells = quoted
        .replace(/^\||\|$/g, '')
        .split('|')
        .map(inlineText)
        .filter((cell) => cell !== '');
      if (cells.length > 0) blocks.push(cells.join(' · '));
      continue;
    }
    const item = LIST_ITEM.exec(quoted);
    if (item) {
      flush();
      paragraph = [item[1] ?? ''];
      continue;
    }
    paragraph.push(quoted);
  }
  flush();
  return blocks;
}

/** A Markdown document as plain text, one block per line. */
export function markdownToText(markdown: string): string {
  return markdownBlocks(markdown).join('\n');
}
