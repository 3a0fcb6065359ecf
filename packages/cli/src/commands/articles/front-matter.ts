import { Document, isSeq, parse, YAMLParseError } from 'yaml';

/** A Markdown file split into its YAML front matter (a mapping, `{}` when there is none) and its body. */
export interface MarkdownDocument {
  data: Record<string, unknown>;
  body: string;
}

/** Why a file or a `_collection.yaml` could not be read; the message is shown next to its path. */
export class SourceError extends Error {
  override readonly name = 'SourceError';
}

// The opening `---` line, the YAML (possibly empty), the closing `---` line, as Jekyll, Hugo and
// remark-frontmatter read it.
const FRONT_MATTER = /^---[ \t]*\n(?:([\s\S]*?)\n)?---[ \t]*(?:\n|$)/;

/**
 * Splits a Markdown file. Line endings become `\n` and a byte-order mark is dropped, so a checkout with
 * CRLF line endings imports the same content as one with LF. One blank line after the front matter is
 * layout, not content (the export writes it); anything after it is the body exactly.
 */
export function parseMarkdown(text: string): MarkdownDocument {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!/^---[ \t]*(\n|$)/.test(normalized)) return { data: {}, body: normalized };
  const match = FRONT_MATTER.exec(normalized);
  if (!match) throw new SourceError('front matter starts with --- but has no closing --- line');
  // Line 1 is the opening `---`, so the YAML's own line numbers are one off.
  const data = parseYamlMapping(match[1] ?? '', 'front matter', 1);
  const body = normalized.slice(match[0].length).replace(/^\n/, '');
  return { data, body };
}

/** Parses YAML that must be a mapping (or empty), with the line of the first error in the message. */
export function parseYamlMapping(text: string, what: string, lineOffset = 0): Record<string, unknown> {
  let value: unknown;
  try {
    // YAML 1.2 core schema: `yes`, `no` and dates stay strings; duplicate keys are an error.
    value = parse(text, { uniqueKeys: true, logLevel: 'error' });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const reason = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      const line = error.linePos?.[0]?.line;
      throw new SourceError(
        `invalid ${what}${line === undefined ? '' : ` (line ${line + lineOffset})`}: ${reason}`,
      );
    }
    throw error;
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new SourceError(
      `invalid ${what}: expected "key: value" lines, got ${Array.isArray(value) ? 'a list' : 'a single value'}`,
    );
  }
  return value as Record<string, unknown>;
}

/** YAML for front matter or `_collection.yaml`: keys in the given order, lists inline (`tags: [a, b]`), no line folding. */
export function stringifyYaml(data: Record<string, unknown>): string {
  const doc = new Document(data);
  for (const pair of (doc.contents as { items: Array<{ value: unknown }> }).items) {
    if (isSeq(pair.value)) pair.value.flow = true;
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** A Markdown file with front matter: what `parseMarkdown` reads back as the same data and body. */
export function formatMarkdown(data: Record<string, unknown>, body: string): string {
  return `---\n${stringifyYaml(data)}---\n\n${body}`;
}

/**
 * The text of the first level-one ATX heading (`# Title`) outside fenced code blocks, used as the title
 * of a file that has none in its front matter.
 */
export function headingTitle(body: string): string | undefined {
  let fence: string | undefined;
  for (const line of body.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker !== undefined) {
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const heading = /^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/.exec(line)?.[1]?.trim();
    if (heading) return heading;
  }
  return undefined;
}
