import type { components } from '../../generated/openapi';
import type { EngineState } from '../context';
import { problems } from '../http/problem';
import { rowInWorkspace } from '../store/in-workspace';
import type { CollectionRow } from '../store/store';
import { articlesIn } from './article-record';
import { externalIdHolder } from './external-ids';

type Collection = components['schemas']['Collection'];

/** Articles directly in the collection, in any status: read from the articles' collection index. */
export function articleCount(engine: EngineState, row: CollectionRow): number {
  let count = 0;
  for (const _ of articlesIn(engine, row.workspaceId, row.id)) count++;
  return count;
}

/** A stored collection as the API shows it, with the derived `articleCount`. */
export function toCollection(engine: EngineState, row: CollectionRow): Collection {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    externalId: row.externalId,
    name: row.name,
    slug: row.slug,
    description: row.description,
    icon: row.icon,
    parentId: row.parentId,
    order: row.order,
    articleCount: articleCount(engine, row),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A collection of the caller's workspace, or 404 (another workspace's IDs are never visible). */
export function collectionOr404(engine: EngineState, workspaceId: string, id: string): CollectionRow {
  return rowInWorkspace(engine.store.collections, workspaceId, id, 'collection');
}

/** The collection holding `externalId` in the workspace, if any. */
export function collectionByExternalId(
  engine: EngineState,
  workspaceId: string,
  externalId: string,
): CollectionRow | undefined {
  const id = externalIdHolder(engine, workspaceId, 'collection', externalId);
  return id === undefined ? undefined : engine.store.collections.get(id);
}

/** The direct children of a collection (or the top level, for null), lowest order first. */
export function childrenOf(engine: EngineState, workspaceId: string, parentId: string | null) {
  return engine.store.collections.index('byParent').scan([workspaceId, parentId ?? '']);
}

/** The order that puts a new collection after its last sibling. */
export function nextCollectionOrder(
  engine: EngineState,
  workspaceId: string,
  parentId: string | null,
): number {
  const last = engine.store.collections
    .index('byParent')
    .scan([workspaceId, parentId ?? ''], { reverse: true })
    .next();
  return last.done ? 0 : last.value.order + 1;
}

/**
 * Checks a collection's new parent: unknown is a 400 on `/body/parentId`; the collection itself or one
 * of its descendants (`self` given, for a move) is a 409 `conflict`, since the tree has no cycles.
 */
export function assertParentValid(
  engine: EngineState,
  workspaceId: string,
  parentId: string | null,
  self?: string,
): void {
  if (parentId === null) return;
  const parent = engine.store.collections.get(parentId);
  if (!parent || parent.workspaceId !== workspaceId) {
    throw problems.invalidField('/body/parentId', `no collection ${parentId} in this workspace`);
  }
  if (self === undefined) return;
  if (parentId === self) throw problems.conflict(`Collection ${self} cannot move under itself.`);
  // Walk up from the new parent: meeting `self` means the parent is inside the collection.
  for (let at: CollectionRow | undefined = parent; at?.parentId; ) {
    if (at.parentId === self) {
      throw problems.conflict(`Collection ${self} cannot move under ${parentId}, which is inside it.`);
    }
    at = engine.store.collections.get(at.parentId);
  }
}
