import type { components } from '../../generated/openapi';
import type { RequestContext } from '../context';
import type { CollectionRow } from '../store/store';
import { assertParentValid, nextCollectionOrder, toCollection } from './collection-record';
import { assertExternalIdFree, moveExternalId } from './external-ids';
import { assertSlugFree, derivedSlug, moveSlug } from './slugs';

type S = components['schemas'];

/** The parts of a request the write helpers use (the same for every collection operation). */
type WriteContext = Pick<RequestContext, 'engine' | 'workspace' | 'now' | 'emit'>;

/** What PATCH and the update branch of PUT accept (PUT takes the external ID from the path). */
type CollectionChanges = S['CollectionUpdate'] | S['CollectionUpsert'];

/** The fields a write can change; the ID, workspace and `createdAt` never change. */
type CollectionFields = Omit<CollectionRow, 'id' | 'workspaceId' | 'createdAt' | 'updatedAt'>;

const ref = (row: CollectionRow) => ({ type: 'collection', id: row.id });

/**
 * Creates a collection (POST, or PUT for an unknown external ID): at the root unless `parentId` is
 * given, with a slug derived from the name and an order after its last sibling unless they are given.
 * Emits `collection.created`.
 */
export function insertCollection(ctx: WriteContext, body: S['CollectionCreate']): CollectionRow {
  const { engine, workspace, now } = ctx;
  const parentId = body.parentId ?? null;
  const externalId = body.externalId ?? null;
  assertParentValid(engine, workspace.id, parentId);
  assertExternalIdFree(engine, workspace.id, 'collection', externalId);
  if (body.slug !== undefined) assertSlugFree(engine, workspace.id, 'collection', body.slug);
  const row = engine.store.collections.insert({
    id: engine.ids.next('col'),
    workspaceId: workspace.id,
    externalId,
    name: body.name,
    slug: body.slug ?? derivedSlug(engine, workspace.id, 'collection', body.name),
    description: body.description ?? null,
    icon: body.icon ?? null,
    parentId,
    order: body.order ?? nextCollectionOrder(engine, workspace.id, parentId),
    createdAt: now,
    updatedAt: now,
  });
  moveSlug(engine, workspace.id, 'collection', row.id, null, row.slug);
  moveExternalId(ctx.engine, ctx.workspace.id, 'collection', row.id, null, externalId);
  ctx.emit('collection.created', ref(row), toCollection(engine, row));
  return row;
}

/** The fields after `changes`: those left out keep their values, null clears a nullable one. */
function nextFields(ctx: WriteContext, row: CollectionRow, changes: CollectionChanges): CollectionFields {
  const parentId = changes.parentId === undefined ? row.parentId : changes.parentId;
  const moved = parentId !== row.parentId;
  return {
    name: changes.name ?? row.name,
    slug: changes.slug ?? row.slug,
    description: changes.description === undefined ? row.description : changes.description,
    icon: changes.icon === undefined ? row.icon : changes.icon,
    externalId:
      'externalId' in changes && changes.externalId !== undefined ? changes.externalId : row.externalId,
    parentId,
    // A move without an explicit order goes after the last sibling under the new parent.
    order: changes.order ?? (moved ? nextCollectionOrder(ctx.engine, ctx.workspace.id, parentId) : row.order),
  };
}

const FIELDS = ['name', 'slug', 'description', 'icon', 'externalId', 'parentId', 'order'] as const;

/**
 * Applies a PATCH or the update branch of PUT. Everything is checked before anything is written;
 * when nothing would change, nothing is written (`updatedAt` stays, no event). Emits
 * `collection.updated`. Returns whether it wrote.
 */
export function changeCollection(ctx: WriteContext, row: CollectionRow, changes: CollectionChanges): boolean {
  const { engine, workspace, now } = ctx;
  const next = nextFields(ctx, row, changes);
  if (changes.parentId !== undefined) assertParentValid(engine, workspace.id, next.parentId, row.id);
  if (next.slug !== row.slug) assertSlugFree(engine, workspace.id, 'collection', next.slug, row.id);
  if (next.externalId !== row.externalId) {
    assertExternalIdFree(engine, workspace.id, 'collection', next.externalId, row.id);
  }
  if (FIELDS.every((field) => row[field] === next[field])) return false;
  const previous = { slug: row.slug, externalId: row.externalId };
  engine.store.collections.update(row, (r) => {
    Object.assign(r, next, { updatedAt: now });
  });
  moveSlug(engine, workspace.id, 'collection', row.id, previous.slug, row.slug);
  moveExternalId(ctx.engine, ctx.workspace.id, 'collection', row.id, previous.externalId, row.externalId);
  ctx.emit('collection.updated', ref(row), toCollection(engine, row));
  return true;
}
