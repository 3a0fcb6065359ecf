import type { components } from '../../generated/openapi';
import type { RouteTable } from '../context';
import { created, ok } from '../http/json';
import { type FieldError, problems } from '../http/problem';
import type { CustomEventRow } from '../store/store';

type CustomEvent = components['schemas']['CustomEvent'];

/** How far ahead of the server's clock `occurredAt` may be (spec: CustomEventCreate). */
const MAX_FUTURE_MS = 5 * 60 * 1000;

/** A stored custom event as the API shows it; `properties` is copied so a snapshot never changes. */
export function toCustomEvent(row: CustomEventRow): CustomEvent {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    visitorId: row.visitorId,
    properties: { ...row.properties },
    occurredAt: row.occurredAt,
    createdAt: row.createdAt,
  };
}

export const customEventsRoutes: RouteTable = {
  listCustomEvents: ({ engine, workspace, query }) => {
    const { customEvents } = engine.store;
    const byVisitor = query.visitorId !== undefined;
    return ok(
      engine.page(
        {
          list: byVisitor ? 'listCustomEvents:visitor' : 'listCustomEvents:occurred',
          index: customEvents.index(byVisitor ? 'byVisitor' : 'occurred'),
          prefix: byVisitor ? [workspace.id, query.visitorId as string] : [workspace.id],
          // Most recent occurredAt first; equal times by ID, read backwards like the times.
          reverse: true,
          limit: query.limit ?? 20,
          cursor: query.cursor,
          ...(query.name === undefined ? {} : { filter: (row: CustomEventRow) => row.name === query.name }),
        },
        toCustomEvent,
      ),
    );
  },

  createCustomEvent: ({ engine, workspace, body, now, audit, emit }) => {
    const errors: FieldError[] = [];
    const visitor = engine.store.visitors.get(body.visitorId);
    if (!visitor || visitor.workspaceId !== workspace.id) {
      errors.push({ pointer: '/body/visitorId', message: 'is not a visitor of this workspace' });
    }
    const occurredAt = body.occurredAt ?? now;
    if (occurredAt > now + MAX_FUTURE_MS) {
      errors.push({
        pointer: '/body/occurredAt',
        message: "is more than 5 minutes ahead of the server's clock",
      });
    }
    if (!visitor || errors.length > 0) throw problems.validation(errors);
    // The visitor is left alone: recording an event is not a profile change (lastSeenAt, updatedAt stay).
    const row = engine.store.customEvents.insert({
      id: engine.ids.next('cev'),
      workspaceId: workspace.id,
      name: body.name,
      visitorId: visitor.id,
      properties: { ...(body.properties ?? {}) },
      occurredAt,
      createdAt: now,
    });
    const event = toCustomEvent(row);
    audit('custom_event.create', { type: 'custom_event', id: row.id });
    emit('custom_event.created', { type: 'custom_event', id: row.id }, event);
    return created(event);
  },
};
