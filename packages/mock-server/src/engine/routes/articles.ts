import type { RouteTable } from '../context';
import { created, ok, type RouteResult } from '../http/json';
import { searchArticles, unindexArticle } from '../search/article-search';
import type { ArticleRow } from '../store/store';
import { articleByExternalId, articleOr404, toArticle } from './article-record';
import { changeArticle, insertArticle, transitionArticle } from './article-writes';
import { moveExternalId } from './external-ids';
import { slugKey } from './slugs';

const location = (row: ArticleRow): string => `/api/v1/articles/${row.id}`;
const ref = (row: ArticleRow) => ({ type: 'article', id: row.id });

export const articlesRoutes: RouteTable = {
  listArticles: ({ engine, workspace, query }) => {
    const { articles } = engine.store;
    const filter = (row: ArticleRow): boolean =>
      (query.status === undefined || row.status === query.status) &&
      (query.collectionId === undefined || row.collectionId === query.collectionId) &&
      (query.visibility === undefined || row.visibility === query.visibility) &&
      (query.tag === undefined || row.tags.includes(query.tag));
    const limit = query.limit ?? 20;
    if (query.updatedSince !== undefined) {
      // Sync order: (updatedAt, id) ascending from updatedSince, so a sync never skips or repeats.
      return ok(
        engine.page(
          {
            list: 'listArticles:updated',
            index: articles.index('updated'),
            prefix: [workspace.id],
            start: [workspace.id, query.updatedSince],
            limit,
            cursor: query.cursor,
            filter,
          },
          toArticle,
        ),
      );
    }
    // Newest first, from the index that serves the most selective filter. The filter value is part
    // of the list name, so a cursor cannot be replayed against another collection or status.
    const plan =
      query.collectionId !== undefined
        ? {
            list: `listArticles:collection:${query.collectionId}`,
            index: articles.index('byCollection'),
            prefix: [workspace.id, query.collectionId],
          }
        : query.status !== undefined
          ? {
              list: `listArticles:status:${query.status}`,
              index: articles.index('status'),
              prefix: [workspace.id, query.status],
            }
          : { list: 'listArticles:created', index: articles.index('created'), prefix: [workspace.id] };
    return ok(engine.page({ ...plan, reverse: true, limit, cursor: query.cursor, filter }, toArticle));
  },

  createArticle: (ctx) => {
    const row = insertArticle(ctx, ctx.body);
    ctx.audit('article.create', ref(row));
    return created(toArticle(row), location(row));
  },

  searchArticles: ({ engine, workspace, query }) => {
    const hits = searchArticles(engine, workspace.id, query.q, {
      limit: query.limit ?? 10,
      collectionId: query.collectionId,
      visibility: query.visibility,
    });
    return ok({
      data: hits.map((hit) => ({
        article: toArticle(hit.row),
        score: hit.score,
        highlights: hit.highlights,
      })),
      query: query.q,
    });
  },

  upsertArticleByExternalId: (ctx): RouteResult => {
    const { engine, workspace, path, body } = ctx;
    const existing = articleByExternalId(engine, workspace.id, path.externalId);
    if (!existing) {
      const row = insertArticle(ctx, { ...body, externalId: path.externalId });
      ctx.audit('article.upsert', ref(row));
      return created(toArticle(row), location(row));
    }
    const { status, ...changes } = body;
    if (changeArticle(ctx, existing, changes, status)) ctx.audit('article.upsert', ref(existing));
    return ok(toArticle(existing));
  },

  getArticle: ({ engine, workspace, path }) =>
    ok(toArticle(articleOr404(engine, workspace.id, path.articleId))),

  updateArticle: (ctx) => {
    const row = articleOr404(ctx.engine, ctx.workspace.id, ctx.path.articleId);
    if (changeArticle(ctx, row, ctx.body)) ctx.audit('article.update', ref(row));
    return ok(toArticle(row));
  },

  deleteArticle: ({ engine, workspace, path, audit, emit }) => {
    const row = articleOr404(engine, workspace.id, path.articleId);
    const snapshot = toArticle(row);
    engine.store.articles.delete(row);
    engine.store.unique.delete(slugKey(workspace.id, 'article', row.slug));
    moveExternalId(engine, workspace.id, 'article', row.id, row.externalId, null);
    unindexArticle(engine, row);
    audit('article.delete', ref(row));
    emit('article.deleted', ref(row), snapshot);
    return ok({ id: row.id, deleted: true });
  },

  publishArticle: (ctx) => {
    const row = articleOr404(ctx.engine, ctx.workspace.id, ctx.path.articleId);
    if (transitionArticle(ctx, row, 'published')) ctx.audit('article.publish', ref(row));
    return ok(toArticle(row));
  },

  unpublishArticle: (ctx) => {
    const row = articleOr404(ctx.engine, ctx.workspace.id, ctx.path.articleId);
    if (transitionArticle(ctx, row, 'draft')) ctx.audit('article.unpublish', ref(row));
    return ok(toArticle(row));
  },

  archiveArticle: (ctx) => {
    const row = articleOr404(ctx.engine, ctx.workspace.id, ctx.path.articleId);
    if (transitionArticle(ctx, row, 'archived')) ctx.audit('article.archive', ref(row));
    return ok(toArticle(row));
  },
};
