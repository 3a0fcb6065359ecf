import { ARTICLE_STATUSES, type ArticleStatus, VISIBILITIES, type Visibility } from './article-fields';
import { headingTitle, parseMarkdown, SourceError } from './front-matter';

/**
 * An article as a Markdown file describes it. Optional fields are left out when the front matter
 * does not mention them, so the import leaves the server's value alone (as the upsert does).
 */
export interface ArticleSource {
  title: string;
  content: string;
  externalId?: string;
  /** An article ID, used to find an article that has no external ID (what export writes for those). */
  id?: string;
  /** A collection external ID (or ID); null for none. Left out, the folder decides. */
  collection?: string | null;
  tags?: string[];
  status?: ArticleStatus;
  visibility?: Visibility;
  slug?: string;
}

/** Reads one Markdown file; throws a SourceError that says what to fix. */
export function readArticleSource(text: string): ArticleSource {
  const { data, body } = parseMarkdown(text);
  const title = optionalText(data, 'title') ?? headingTitle(body);
  if (title === undefined || title.trim() === '') {
    throw new SourceError('no title: set `title:` in the front matter or start the body with a `# heading`');
  }
  const source: ArticleSource = { title, content: body };
  const externalId = optionalText(data, 'externalId');
  if (externalId !== undefined) source.externalId = externalId;
  const id = optionalText(data, 'id');
  if (id !== undefined) source.id = id;
  if ('collection' in data)
    source.collection = data.collection === null ? null : (optionalText(data, 'collection') ?? null);
  if ('tags' in data) source.tags = tagList(data.tags);
  const status = optionalChoice(data, 'status', ARTICLE_STATUSES);
  if (status !== undefined) source.status = status;
  const visibility = optionalChoice(data, 'visibility', VISIBILITIES);
  if (visibility !== undefined) source.visibility = visibility;
  const slug = optionalText(data, 'slug');
  if (slug !== undefined) source.slug = slug;
  return source;
}

/**
 * A text field, or undefined when absent or null. Numbers are accepted as text (`externalId: 42`, a
 * title like `2024`), since YAML reads them as numbers; anything else is a mistake.
 */
export function optionalText(data: Record<string, unknown>, key: string): string | undefined {
  const value = data[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new SourceError(`\`${key}\` must be text, got ${describe(value)}`);
}

function optionalChoice<T extends string>(
  data: Record<string, unknown>,
  key: string,
  choices: readonly T[],
): T | undefined {
  const value = data[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  throw new SourceError(`\`${key}\` must be one of ${choices.join(', ')}, got ${describe(value)}`);
}

/** `tags: [a, b]`, a YAML list, or `tags: a, b`; null or empty for none. */
function tagList(value: unknown): string[] {
  if (value === null || value === undefined || value === '') return [];
  if (typeof value === 'string') return splitTags(value);
  if (Array.isArray(value) && value.every((tag) => typeof tag === 'string' || typeof tag === 'number')) {
    return value.map((tag) => String(tag).trim());
  }
  throw new SourceError(`\`tags\` must be a list of text, got ${describe(value)}`);
}

/** `a, b,c` → ['a', 'b', 'c'] (the form of `--tags` and of `tags: a, b`). */
export function splitTags(value: string): string[] {
  return value
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'a mapping';
  return JSON.stringify(value);
}
