import type { components } from '../../generated/openapi';
import type { EngineState, RequestContext, RouteTable } from '../context';
import { matchesAttributes } from '../custom-attributes';
import { created, ok, type RouteResult } from '../http/json';
import { rowInWorkspace } from '../store/in-workspace';
import { SortedIndex } from '../store/sorted-index';
import type { VisitorRow } from '../store/store';
import { assertExternalIdFree, externalIdHolder, moveExternalId } from './external-ids';
import {
  mergeAttributes,
  nextProfile,
  type ProfileChanges,
  sameProfile,
  toVisitor,
  type VisitorProfile,
} from './visitor-profile';

/** The parts of a request the write helpers use (the same for every visitor operation). */
type WriteContext = Pick<RequestContext, 'engine' | 'workspace' | 'now' | 'emit'>;

/** A visitor of the caller's workspace, or 404 (another workspace's IDs are never visible). */
export function visitorOr404(engine: EngineState, workspaceId: string, id: string): VisitorRow {
  return rowInWorkspace(engine.store.visitors, workspaceId, id, 'visitor');
}

/** The visitor holding `externalId` in the workspace, if any. */
function byExternalId(engine: EngineState, workspaceId: string, externalId: string): VisitorRow | undefined {
  const id = externalIdHolder(engine, workspaceId, 'visitor', externalId);
  return id === undefined ? undefined : engine.store.visitors.get(id);
}

/** A one-row index with the same keys as `index`, so the page and its cursors behave the same. */
function onlyRow(index: SortedIndex<VisitorRow>, row: VisitorRow | undefined): SortedIndex<VisitorRow> {
  const single = new SortedIndex<VisitorRow>((r) => index.keyOf(r));
  if (row) single.insert(row);
  return single;
}

/** A new visitor's profile: fields left out are null, null-valued attributes are not stored. */
function newProfile(body: components['schemas']['VisitorUpsert'], externalId: string | null): VisitorProfile {
  return {
    externalId,
    externalUserId: body.externalUserId ?? null,
    email: body.email ?? null,
    name: body.name ?? null,
    location: body.location ?? null,
    customAttributes: mergeAttributes({}, body.customAttributes ?? {}),
  };
}

function insertVisitor(ctx: WriteContext, profile: VisitorProfile): VisitorRow {
  const { engine, workspace, now } = ctx;
  const row = engine.store.visitors.insert({
    id: engine.ids.next('vis'),
    workspaceId: workspace.id,
    ...profile,
    firstSeenAt: null,
    lastSeenAt: null,
    createdAt: now,
    updatedAt: now,
  });
  moveExternalId(engine, workspace.id, 'visitor', row.id, null, row.externalId);
  ctx.emit('visitor.created', { type: 'visitor', id: row.id }, toVisitor(row));
  return row;
}

/**
 * Applies a PATCH or the update branch of PUT. When nothing would change, nothing is written:
 * `updatedAt` moves and `visitor.updated` is emitted only when the profile changes (spec: Visitor).
 */
function changeVisitor(ctx: WriteContext, row: VisitorRow, changes: ProfileChanges): boolean {
  const { engine, workspace, now } = ctx;
  const next = nextProfile(row, changes);
  if (sameProfile(row, next)) return false;
  assertExternalIdFree(engine, workspace.id, 'visitor', next.externalId, row.id);
  const previousExternalId = row.externalId;
  engine.store.visitors.update(row, (r) => {
    Object.assign(r, next);
    r.updatedAt = now;
  });
  moveExternalId(engine, workspace.id, 'visitor', row.id, previousExternalId, next.externalId);
  ctx.emit('visitor.updated', { type: 'visitor', id: row.id }, toVisitor(row));
  return true;
}

const location = (row: VisitorRow): string => `/api/v1/visitors/${row.id}`;

export const visitorsRoutes: RouteTable = {
  listVisitors: ({ engine, workspace, query }) => {
    const { visitors } = engine.store;
    const email = query.email?.toLowerCase();
    const filter = (row: VisitorRow): boolean =>
      (email === undefined || row.email?.toLowerCase() === email) &&
      (query.externalUserId === undefined || row.externalUserId === query.externalUserId) &&
      (query.externalId === undefined || row.externalId === query.externalId) &&
      matchesAttributes(row.customAttributes, query.customAttributes);
    const sync = query.updatedSince !== undefined;
    const byEmail = !sync && email !== undefined;
    const index = visitors.index(sync ? 'updated' : byEmail ? 'email' : 'created');
    return ok(
      engine.page(
        {
          list: sync ? 'listVisitors:updated' : byEmail ? 'listVisitors:email' : 'listVisitors:created',
          // At most one visitor has an externalId: read it through the unique key, not a scan.
          index:
            query.externalId === undefined
              ? index
              : onlyRow(index, byExternalId(engine, workspace.id, query.externalId)),
          prefix: byEmail ? [workspace.id, email] : [workspace.id],
          // Sync order: (updatedAt, id) ascending from updatedSince; otherwise newest first.
          ...(sync ? { start: [workspace.id, query.updatedSince as number] } : { reverse: true }),
          limit: query.limit ?? 20,
          cursor: query.cursor,
          filter,
        },
        toVisitor,
      ),
    );
  },

  createVisitor: (ctx) => {
    const externalId = ctx.body.externalId ?? null;
    assertExternalIdFree(ctx.engine, ctx.workspace.id, 'visitor', externalId);
    const row = insertVisitor(ctx, newProfile(ctx.body, externalId));
    ctx.audit('visitor.create', { type: 'visitor', id: row.id });
    return created(toVisitor(row), location(row));
  },

  getVisitor: ({ engine, workspace, path }) =>
    ok(toVisitor(visitorOr404(engine, workspace.id, path.visitorId))),

  updateVisitor: (ctx) => {
    const row = visitorOr404(ctx.engine, ctx.workspace.id, ctx.path.visitorId);
    if (changeVisitor(ctx, row, ctx.body)) ctx.audit('visitor.update', { type: 'visitor', id: row.id });
    return ok(toVisitor(row));
  },

  upsertVisitorByExternalId: (ctx): RouteResult => {
    const { engine, workspace, path, body } = ctx;
    const existing = byExternalId(engine, workspace.id, path.externalId);
    if (existing) {
      if (changeVisitor(ctx, existing, body))
        ctx.audit('visitor.upsert', { type: 'visitor', id: existing.id });
      return ok(toVisitor(existing));
    }
    const row = insertVisitor(ctx, newProfile(body, path.externalId));
    ctx.audit('visitor.upsert', { type: 'visitor', id: row.id });
    return created(toVisitor(row), location(row));
  },
};
