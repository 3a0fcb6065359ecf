import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

/** A folder of the knowledge base: one collection. */
export interface KbCollection {
  /** From `_collection.yaml`, else the folder's path (`billing`). */
  externalId: string;
  name: string;
  description: string | null;
  /** The parent folder's collection, or null at the top. */
  parentExternalId: string | null;
}

/** A Markdown file: one article. */
export interface KbArticle {
  /** The front matter's `externalId`, else the file's path (`billing/refund-policy.md`). */
  externalId: string;
  title: string;
  /** The front matter's `collection`, else the folder's collection; null at the top. */
  collectionExternalId: string | null;
  tags: string[];
  status: 'draft' | 'published';
  content: string;
}

export interface KnowledgeBase {
  /** Parents before children. */
  collections: KbCollection[];
  articles: KbArticle[];
}

/** A file the sync cannot read; the message starts with its path. */
export class KnowledgeBaseError extends Error {
  override readonly name = 'KnowledgeBaseError';
}

const COLLECTION_FILE = '_collection.yaml';
const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n(?:\n)?/;

/**
 * Reads a knowledge-base folder: every folder is a collection, every `*.md` file an article with YAML
 * front matter (`title`, `collection`, `tags`, `status`). Paths use `/` and are sorted, so the result
 * (and every external ID) is the same on every machine.
 */
export async function readKnowledgeBase(root: string): Promise<KnowledgeBase> {
  const collections: KbCollection[] = [];
  const articles: KbArticle[] = [];
  const walk = async (folder: string, parent: string | null): Promise<void> => {
    const entries = (await readdir(join(root, folder), { withFileTypes: true }))
      .filter((entry) => !entry.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    let collection = parent;
    if (folder !== '') {
      const described = entries.some((e) => e.isFile() && e.name === COLLECTION_FILE);
      const meta = described ? await readYaml(root, `${folder}/${COLLECTION_FILE}`) : {};
      const externalId = text(meta, 'externalId', folder) ?? folder;
      collections.push({
        externalId,
        name: text(meta, 'name', folder) ?? folder.slice(folder.lastIndexOf('/') + 1),
        description: text(meta, 'description', folder) ?? null,
        parentExternalId: parent,
      });
      collection = externalId;
    }
    for (const entry of entries) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) await walk(path, collection);
      else if (entry.isFile() && entry.name.endsWith('.md'))
        articles.push(await readArticle(root, path, collection));
    }
  };
  await walk('', null);
  return { collections, articles };
}

async function readArticle(root: string, path: string, folderCollection: string | null): Promise<KbArticle> {
  // Line endings and a byte-order mark are editor noise, not content: a CRLF checkout syncs the same.
  const source = (await readFile(join(root, path), 'utf8')).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = FRONT_MATTER.exec(source);
  if (!match) throw new KnowledgeBaseError(`${path}: no front matter (a --- block with title, status, ...)`);
  const meta = parseYaml(match[1] ?? '', path);
  const title = text(meta, 'title', path);
  if (title === undefined) throw new KnowledgeBaseError(`${path}: the front matter needs a title`);
  const status = meta.status ?? 'draft';
  if (status !== 'draft' && status !== 'published') {
    throw new KnowledgeBaseError(`${path}: status must be draft or published, got ${JSON.stringify(status)}`);
  }
  const tags = meta.tags ?? [];
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) {
    throw new KnowledgeBaseError(`${path}: tags must be a list of words, e.g. [billing, refunds]`);
  }
  return {
    externalId: text(meta, 'externalId', path) ?? path,
    title,
    collectionExternalId: text(meta, 'collection', path) ?? folderCollection,
    tags,
    status,
    content: source.slice(match[0].length),
  };
}

async function readYaml(root: string, path: string): Promise<Record<string, unknown>> {
  return parseYaml(await readFile(join(root, path), 'utf8'), path);
}

function parseYaml(source: string, path: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = parse(source);
  } catch (error) {
    throw new KnowledgeBaseError(`${path}: invalid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new KnowledgeBaseError(`${path}: expected "key: value" lines`);
  }
  return value as Record<string, unknown>;
}

function text(meta: Record<string, unknown>, key: string, path: string): string | undefined {
  const value = meta[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new KnowledgeBaseError(`${path}: ${key} must be text`);
  }
  return value;
}
