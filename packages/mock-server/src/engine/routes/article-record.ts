import type { components } from '../../generated/openapi';
import type { EngineState } from '../context';
import { problems } from '../http/problem';
import { rowInWorkspace } from '../store/in-workspace';
import type { ArticleRow } from '../store/store';
import { externalIdHolder } from './external-ids';

type Article = components['schemas']['Article'];

/** A stored article as the API shows it; `tags` is copied so an event's snapshot never changes later. */
export function toArticle(row: ArticleRow): Article {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    externalId: row.externalId,
    collectionId: row.collectionId,
    title: row.title,
    slug: row.slug,
    content: row.content,
    visibility: row.visibility,
    status: row.status,
    order: row.order,
    tags: [...row.tags],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    publishedAt: row.publishedAt,
  };
}

/** An article of the caller's workspace, or 404 (another workspace's IDs are never visible). */
export function articleOr404(engine: EngineState, workspaceId: string, id: string): ArticleRow {
  return rowInWorkspace(engine.store.articles, workspaceId, id, 'article');
}

/** The article holding `externalId` in the workspace, if any. */
export function articleByExternalId(
  engine: EngineState,
  workspaceId: string,
  externalId: string,
): ArticleRow | undefined {
  const id = externalIdHolder(engine, workspaceId, 'article', externalId);
  return id === undefined ? undefined : engine.store.articles.get(id);
}

/** 400 on `/body/collectionId` unless the collection exists in the workspace (null is "no collection"). */
export function assertCollectionExists(
  engine: EngineState,
  workspaceId: string,
  collectionId: string | null,
): void {
  if (collectionId === null) return;
  const collection = engine.store.collections.get(collectionId);
  if (!collection || collection.workspaceId !== workspaceId) {
    throw problems.invalidField('/body/collectionId', `no collection ${collectionId} in this workspace`);
  }
}

/** The rows of one collection (or of none, for null), oldest first. */
export function articlesIn(engine: EngineState, workspaceId: string, collectionId: string | null) {
  return engine.store.articles.index('byCollection').scan([workspaceId, collectionId ?? '']);
}

/** The order that puts a new article after the last one of its collection. */
export function nextArticleOrder(
  engine: EngineState,
  workspaceId: string,
  collectionId: string | null,
): number {
  // Reads the collection's articles (not the whole workspace): order is not part of the index key.
  let next = 0;
  for (const row of articlesIn(engine, workspaceId, collectionId)) next = Math.max(next, row.order + 1);
  return next;
}
