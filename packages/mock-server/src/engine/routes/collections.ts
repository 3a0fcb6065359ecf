import type { RouteTable } from '../context';
import { created, ok, type RouteResult } from '../http/json';
import { problems } from '../http/problem';
import type { CollectionRow } from '../store/store';
import {
  articleCount,
  childrenOf,
  collectionByExternalId,
  collectionOr404,
  toCollection,
} from './collection-record';
import { changeCollection, insertCollection } from './collection-writes';
import { moveExternalId } from './external-ids';
import { slugKey } from './slugs';

const location = (row: CollectionRow): string => `/api/v1/collections/${row.id}`;
const ref = (row: CollectionRow) => ({ type: 'collection', id: row.id });

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

export const collectionsRoutes: RouteTable = {
  listCollections: ({ engine, workspace, query }) => {
    const { collections } = engine.store;
    const serialize = (row: CollectionRow) => toCollection(engine, row);
    // `root` is the top level; the index files top-level collections under the parent ''.
    const parent = query.parentId === 'root' ? '' : query.parentId;
    const limit = query.limit ?? 20;
    if (query.updatedSince !== undefined) {
      // Sync order: (updatedAt, id) ascending from updatedSince, so a sync never skips or repeats.
      return ok(
        engine.page(
          {
            list: 'listCollections:updated',
            index: collections.index('updated'),
            prefix: [workspace.id],
            start: [workspace.id, query.updatedSince],
            limit,
            cursor: query.cursor,
            ...(parent === undefined
              ? {}
              : { filter: (row: CollectionRow) => (row.parentId ?? '') === parent }),
          },
          serialize,
        ),
      );
    }
    // Newest first; one level of the tree reads the `children` index, so it is no scan either.
    const plan =
      parent === undefined
        ? { list: 'listCollections:created', index: collections.index('created'), prefix: [workspace.id] }
        : {
            list: `listCollections:children:${parent}`,
            index: collections.index('children'),
            prefix: [workspace.id, parent],
          };
    return ok(engine.page({ ...plan, reverse: true, limit, cursor: query.cursor }, serialize));
  },

  createCollection: (ctx) => {
    const row = insertCollection(ctx, ctx.body);
    ctx.audit('collection.create', ref(row));
    return created(toCollection(ctx.engine, row), location(row));
  },

  upsertCollectionByExternalId: (ctx): RouteResult => {
    const { engine, workspace, path, body } = ctx;
    const existing = collectionByExternalId(engine, workspace.id, path.externalId);
    if (!existing) {
      const row = insertCollection(ctx, { ...body, externalId: path.externalId });
      ctx.audit('collection.upsert', ref(row));
      return created(toCollection(engine, row), location(row));
    }
    if (changeCollection(ctx, existing, body)) ctx.audit('collection.upsert', ref(existing));
    return ok(toCollection(engine, existing));
  },

  getCollection: ({ engine, workspace, path }) =>
    ok(toCollection(engine, collectionOr404(engine, workspace.id, path.collectionId))),

  updateCollection: (ctx) => {
    const row = collectionOr404(ctx.engine, ctx.workspace.id, ctx.path.collectionId);
    if (changeCollection(ctx, row, ctx.body)) ctx.audit('collection.update', ref(row));
    return ok(toCollection(ctx.engine, row));
  },

  deleteCollection: ({ engine, workspace, path, audit, emit }) => {
    const row = collectionOr404(engine, workspace.id, path.collectionId);
    const articles = articleCount(engine, row);
    let children = 0;
    for (const _ of childrenOf(engine, workspace.id, row.id)) children++;
    if (articles > 0 || children > 0) {
      const contents = [
        ...(articles > 0 ? [plural(articles, 'article')] : []),
        ...(children > 0 ? [plural(children, 'child collection')] : []),
      ];
      throw problems.conflict(
        `Collection ${row.id} still has ${contents.join(' and ')}; move or delete them first.`,
      );
    }
    const snapshot = toCollection(engine, row);
    engine.store.collections.delete(row);
    engine.store.unique.delete(slugKey(workspace.id, 'collection', row.slug));
    moveExternalId(engine, workspace.id, 'collection', row.id, row.externalId, null);
    audit('collection.delete', ref(row));
    emit('collection.deleted', ref(row), snapshot);
    return ok({ id: row.id, deleted: true });
  },
};
