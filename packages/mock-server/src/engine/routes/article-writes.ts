import type { components } from '../../generated/openapi';
import type { RequestContext } from '../context';
import { problems } from '../http/problem';
import { reindexArticle } from '../search/article-search';
import type { ArticleRow } from '../store/store';
import { assertCollectionExists, nextArticleOrder, toArticle } from './article-record';
import { assertExternalIdFree, moveExternalId } from './external-ids';
import { assertSlugFree, derivedSlug, moveSlug } from './slugs';

type S = components['schemas'];
type Status = S['ArticleStatus'];

/** The parts of a request the write helpers use (the same for every article operation). */
export type WriteContext = Pick<RequestContext, 'engine' | 'workspace' | 'now' | 'emit'>;

/** What PATCH and the update branch of PUT accept (PUT takes the external ID from the path). */
type ArticleChanges = S['ArticleUpdate'] | Omit<S['ArticleUpsert'], 'status'>;

/** The fields a write can change; the ID, workspace and `createdAt` never change. */
type ArticleFields = Omit<ArticleRow, 'id' | 'workspaceId' | 'createdAt' | 'updatedAt'>;

const ref = (row: ArticleRow) => ({ type: 'article', id: row.id });

/**
 * Creates an article (POST, or PUT for an unknown external ID): a draft unless `status` is
 * `published`, with a slug derived from the title and an order after its collection's last article
 * unless they are given. Emits `article.created`, then `article.published` when created published.
 */
export function insertArticle(ctx: WriteContext, body: S['ArticleCreate']): ArticleRow {
  const { engine, workspace, now } = ctx;
  const collectionId = body.collectionId ?? null;
  const externalId = body.externalId ?? null;
  assertCollectionExists(engine, workspace.id, collectionId);
  assertExternalIdFree(engine, workspace.id, 'article', externalId);
  if (body.slug !== undefined) assertSlugFree(engine, workspace.id, 'article', body.slug);
  const published = body.status === 'published';
  const row = engine.store.articles.insert({
    id: engine.ids.next('art'),
    workspaceId: workspace.id,
    externalId,
    collectionId,
    title: body.title,
    slug: body.slug ?? derivedSlug(engine, workspace.id, 'article', body.title),
    content: body.content,
    visibility: body.visibility ?? 'public',
    status: published ? 'published' : 'draft',
    order: body.order ?? nextArticleOrder(engine, workspace.id, collectionId),
    tags: [...(body.tags ?? [])],
    createdAt: now,
    updatedAt: now,
    publishedAt: published ? now : null,
  });
  moveSlug(engine, workspace.id, 'article', row.id, null, row.slug);
  moveExternalId(ctx.engine, ctx.workspace.id, 'article', row.id, null, externalId);
  reindexArticle(engine, row);
  // One snapshot for both events: the article never existed as a draft.
  const snapshot = toArticle(row);
  ctx.emit('article.created', ref(row), snapshot);
  if (published) ctx.emit('article.published', ref(row), snapshot);
  return row;
}

const sameTags = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((tag, i) => tag === b[i]);

/** True when `next` differs from the row in something other than the status. */
function fieldsDiffer(row: ArticleRow, next: ArticleFields): boolean {
  return (
    row.title !== next.title ||
    row.content !== next.content ||
    row.collectionId !== next.collectionId ||
    row.visibility !== next.visibility ||
    !sameTags(row.tags, next.tags) ||
    row.slug !== next.slug ||
    row.externalId !== next.externalId ||
    row.order !== next.order
  );
}

/** The fields after `changes`: those left out keep their values, null clears a nullable one. */
function nextFields(ctx: WriteContext, row: ArticleRow, changes: ArticleChanges): ArticleFields {
  const collectionId = changes.collectionId === undefined ? row.collectionId : changes.collectionId;
  const moved = collectionId !== row.collectionId;
  return {
    title: changes.title ?? row.title,
    content: changes.content ?? row.content,
    collectionId,
    visibility: changes.visibility ?? row.visibility,
    tags: changes.tags ?? row.tags,
    slug: changes.slug ?? row.slug,
    externalId:
      'externalId' in changes && changes.externalId !== undefined ? changes.externalId : row.externalId,
    // A move without an explicit order goes after the last article of its new collection.
    order:
      changes.order ?? (moved ? nextArticleOrder(ctx.engine, ctx.workspace.id, collectionId) : row.order),
    status: row.status,
    publishedAt: row.publishedAt,
  };
}

/**
 * Applies a PATCH, or the update branch of PUT with its optional target `status`. Everything is
 * checked before anything is written; when nothing would change, nothing is written (`updatedAt`
 * stays, no event). Emits `article.updated` for a field change or an unpublish, then
 * `article.published` when the call published the article. Returns whether it wrote.
 */
export function changeArticle(
  ctx: WriteContext,
  row: ArticleRow,
  changes: ArticleChanges,
  status?: S['ArticleInitialStatus'],
): boolean {
  const { engine, workspace, now } = ctx;
  const next = nextFields(ctx, row, changes);
  if (changes.collectionId !== undefined) assertCollectionExists(engine, workspace.id, next.collectionId);
  if (next.slug !== row.slug) assertSlugFree(engine, workspace.id, 'article', next.slug, row.id);
  if (next.externalId !== row.externalId) {
    assertExternalIdFree(engine, workspace.id, 'article', next.externalId, row.id);
  }
  const published = status === 'published' && row.status !== 'published';
  const unpublished = status === 'draft' && row.status === 'published';
  if (status === 'draft' && row.status === 'archived') {
    throw problems.invalidTransition(
      `Article ${row.id} is archived; publish it instead of moving it back to draft.`,
    );
  }
  if (published) Object.assign(next, { status: 'published', publishedAt: now });
  if (unpublished) Object.assign(next, { status: 'draft', publishedAt: null });
  const updated = fieldsDiffer(row, next) || unpublished;
  if (!updated && !published) return false;
  const previous = { slug: row.slug, externalId: row.externalId };
  engine.store.articles.update(row, (r) => {
    Object.assign(r, next, { tags: [...next.tags], updatedAt: now });
  });
  moveSlug(engine, workspace.id, 'article', row.id, previous.slug, row.slug);
  moveExternalId(ctx.engine, ctx.workspace.id, 'article', row.id, previous.externalId, row.externalId);
  reindexArticle(engine, row);
  const snapshot = toArticle(row);
  if (updated) ctx.emit('article.updated', ref(row), snapshot);
  if (published) ctx.emit('article.published', ref(row), snapshot);
  return true;
}

/** The event each status change emits (spec: publishArticle, unpublishArticle, archiveArticle). */
const TRANSITION_EVENT: Record<Status, string> = {
  published: 'article.published',
  draft: 'article.updated',
  archived: 'article.archived',
};

/**
 * Moves the article to `to` through publish, unpublish or archive. Already there is a no-op (returns
 * false: no write, no event); archived → draft is a 409 `invalid_transition`. Publishing sets
 * `publishedAt`, unpublishing clears it, archiving keeps it.
 */
export function transitionArticle(ctx: WriteContext, row: ArticleRow, to: Status): boolean {
  if (row.status === to) return false;
  if (to === 'draft' && row.status === 'archived') {
    throw problems.invalidTransition(
      `Article ${row.id} is archived; only a published article can be unpublished.`,
    );
  }
  const { engine, now } = ctx;
  engine.store.articles.update(row, (r) => {
    r.status = to;
    if (to === 'published') r.publishedAt = now;
    if (to === 'draft') r.publishedAt = null;
    r.updatedAt = now;
  });
  reindexArticle(engine, row);
  ctx.emit(TRANSITION_EVENT[to], ref(row), toArticle(row));
  return true;
}
