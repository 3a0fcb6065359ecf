import type { EngineState } from '../context';
import type { ArticleRow } from '../store/store';
import { Bm25Index } from './bm25';
import { highlights } from './highlights';
import { markdownBlocks } from './markdown-text';
import { tokenize } from './tokenize';

/** Field weights, in the index's field order: a title match counts most, then a tag, then the body. */
const WEIGHTS = [3, 2, 1] as const;

function fieldsOf(row: ArticleRow): string[] {
  return [row.title, row.tags.join('\n'), markdownBlocks(row.content).join('\n')];
}

/**
 * The workspace's index of published articles. Built from the store on first use (so articles that
 * were stored without going through the routes, such as a seeded knowledge base, are found too) and
 * kept in step by `reindexArticle` / `unindexArticle` on every write after that.
 */
function indexFor(engine: EngineState, workspaceId: string): Bm25Index {
  let index = engine.store.articleSearch.get(workspaceId);
  if (index) return index;
  index = new Bm25Index(WEIGHTS);
  for (const row of engine.store.articles.index('status').scan([workspaceId, 'published'])) {
    index.upsert(row.id, fieldsOf(row));
  }
  engine.store.articleSearch.set(workspaceId, index);
  return index;
}

/** Call after every write of an article: published ones are (re)indexed, the others leave the index. */
export function reindexArticle(engine: EngineState, row: ArticleRow): void {
  // Not built yet: the first search builds it from the store, this row included.
  const index = engine.store.articleSearch.get(row.workspaceId);
  if (!index) return;
  if (row.status === 'published') index.upsert(row.id, fieldsOf(row));
  else index.remove(row.id);
}

/** Call when an article is deleted: it leaves knowledge search at once. */
export function unindexArticle(engine: EngineState, row: ArticleRow): void {
  engine.store.articleSearch.get(row.workspaceId)?.remove(row.id);
}

export interface ArticleSearchOptions {
  limit: number;
  collectionId?: string | undefined;
  visibility?: ArticleRow['visibility'] | undefined;
}

export interface ArticleSearchHit {
  row: ArticleRow;
  score: number;
  highlights: string[];
}

/**
 * Published articles of the workspace ranked by BM25F relevance to `query`, best first, equal scores in
 * ID order, with highlights. Only the postings of the query's terms are read; the text of the returned
 * articles alone is scanned again, to cut the excerpts.
 */
export function searchArticles(
  engine: EngineState,
  workspaceId: string,
  query: string,
  options: ArticleSearchOptions,
): ArticleSearchHit[] {
  const { articles } = engine.store;
  const accept = (id: string): boolean => {
    const row = articles.get(id);
    return (
      row !== undefined &&
      (options.collectionId === undefined || row.collectionId === options.collectionId) &&
      (options.visibility === undefined || row.visibility === options.visibility)
    );
  };
  const terms = new Set(tokenize(query));
  return indexFor(engine, workspaceId)
    .search(query, accept)
    .slice(0, options.limit)
    .flatMap(({ id, score }) => {
      const row = articles.get(id);
      if (!row) return [];
      return [{ row, score, highlights: highlights(row.title, markdownBlocks(row.content), terms) }];
    });
}
