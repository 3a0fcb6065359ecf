import { COLLECTION_FILE } from './collection-source';
import { collectionsInTreeOrder, compareIds } from './collection-tree';
import type { Article, Collection, KnowledgeBase } from './knowledge-base';
import { baseName, parentOf } from './source-tree';

/** Where each collection and article goes on disk, and what its file says. */
export interface ExportLayout {
  /** One folder per collection, parents first; `meta` is its `_collection.yaml`. */
  folders: Array<{ collection: Collection; path: string; meta: Record<string, unknown> }>;
  /** One Markdown file per article; `data` is its front matter. */
  files: Array<{ article: Article; path: string; data: Record<string, unknown> }>;
}

/**
 * The folder layout `articles import` reads back as the same knowledge base: collections as nested
 * folders, articles as `.md` files in their collection's folder. A record whose external ID is a path
 * that fits the tree keeps it as its file name, so `import` → `export` gives back the imported files;
 * others are named after their slug. Every file names its record (`externalId:`, or `id:` when it has
 * none), so identity does not depend on where the file lands.
 */
export function exportLayout(kb: KnowledgeBase): ExportLayout {
  const used = new Set<string>();
  // Compared without case: two names that differ only in case are one file on macOS and Windows.
  const free = (path: string | undefined): path is string =>
    path !== undefined && !used.has(path.toLowerCase());
  const claim = (candidates: Array<string | undefined>, numbered: (n: number) => string): string => {
    let path = candidates.find(free);
    for (let n = 2; path === undefined; n++) path = [numbered(n)].find(free);
    used.add(path.toLowerCase());
    return path;
  };
  const join = (folder: string, name: string) => (folder === '' ? name : `${folder}/${name}`);
  const fits = (externalId: string | null, folder: string, isFile: boolean) =>
    externalId !== null &&
    isSafePath(externalId) &&
    parentOf(externalId) === folder &&
    (!isFile || /\.md$/i.test(externalId))
      ? externalId
      : undefined;

  const folderOf = new Map<string, string>();
  const folders: ExportLayout['folders'] = [];
  for (const { collection, parent } of collectionsInTreeOrder(kb.collections)) {
    const parentPath = (parent !== null && folderOf.get(parent)) || '';
    const { id, slug, externalId } = collection;
    const path = claim([fits(externalId, parentPath, false), join(parentPath, slug)], (n) =>
      join(parentPath, `${slug}-${n}`),
    );
    folderOf.set(id, path);
    folders.push({
      collection,
      path,
      meta: {
        name: collection.name,
        ...(externalId === null ? { id } : { externalId }),
        ...(collection.description === null ? {} : { description: collection.description }),
        ...(collection.icon === null ? {} : { icon: collection.icon }),
      },
    });
  }

  const files: ExportLayout['files'] = [];
  const articles = [...kb.articles].sort((a, b) => a.order - b.order || compareIds(a.id, b.id));
  for (const article of articles) {
    const folder = (article.collectionId !== null && folderOf.get(article.collectionId)) || '';
    const { id, slug, externalId } = article;
    const path = claim([fits(externalId, folder, true), join(folder, `${slug}.md`)], (n) =>
      join(folder, `${slug}-${n}.md`),
    );
    files.push({
      article,
      path,
      data: {
        title: article.title,
        ...(externalId === null ? { id } : { externalId }),
        status: article.status,
        visibility: article.visibility,
        tags: article.tags,
        slug,
      },
    });
  }
  return { folders, files };
}

/**
 * A relative path that is safe to write on every platform and that import reads back: no `..`, no
 * hidden or reserved names, none of the characters Windows refuses.
 */
export function isSafePath(path: string): boolean {
  return path.split('/').every(
    (segment) =>
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
      /^[^\\:*?"<>|\u0000-\u001f]+$/.test(segment) &&
      !segment.startsWith('.') &&
      !/[ .]$/.test(segment) &&
      segment !== 'node_modules' &&
      baseName(segment) !== COLLECTION_FILE,
  );
}
