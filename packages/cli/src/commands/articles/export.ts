import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Context } from '../../context';
import { UsageError } from '../../errors';
import { COLLECTION_FILE } from './collection-source';
import { exportLayout } from './export-layout';
import { formatMarkdown, stringifyYaml } from './front-matter';
import { loadKnowledgeBase } from './knowledge-base';

export interface ExportFlags {
  force?: boolean;
}

/** `opencom articles export <dir>`: the whole knowledge base as the folder `articles import` reads. */
export async function runExport(ctx: Context, dir: string, flags: ExportFlags): Promise<void> {
  const root = resolve(dir);
  const entries = await readdir(root).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw new UsageError(`${dir} is not a directory we can write to (${error.code})`);
  });
  if (entries.length > 0 && !flags.force) {
    throw new UsageError(
      `${dir} is not empty: pass --force to write into it (files with the same names are overwritten)`,
    );
  }
  const kb = await loadKnowledgeBase(await ctx.api());
  const layout = exportLayout(kb);

  await mkdir(root, { recursive: true });
  for (const folder of layout.folders) {
    await mkdir(join(root, folder.path), { recursive: true });
    await writeFile(join(root, folder.path, COLLECTION_FILE), stringifyYaml(folder.meta));
  }
  for (const file of layout.files) {
    await writeFile(join(root, file.path), formatMarkdown(file.data, file.article.content));
  }

  const result = {
    directory: root,
    collections: layout.folders.map(({ collection, path }) => ({ id: collection.id, path })),
    articles: layout.files.map(({ article, path }) => ({ id: article.id, path })),
  };
  ctx.output.result(result, () => {
    const articles = `${result.articles.length} article${result.articles.length === 1 ? '' : 's'}`;
    const collections = `${result.collections.length} collection${result.collections.length === 1 ? '' : 's'}`;
    ctx.output.success(`Exported ${articles} and ${collections} to ${dir}`);
  });
}
