import type { components } from '../../generated/openapi';
import type { EngineState } from '../context';
import { rowInWorkspace } from '../store/in-workspace';
import type { EventRow } from '../store/store';

type Event = components['schemas']['Event'];

/** An event as the feed returns it and webhooks deliver it: the envelope without the ledger position. */
export function toEvent(row: EventRow): Event {
  return {
    id: row.id,
    type: row.type,
    createdAt: row.createdAt,
    workspaceId: row.workspaceId,
    resource: row.resource,
    data: row.data,
  };
}

/** An event of the caller's workspace, or 404. */
export function eventOr404(engine: EngineState, workspaceId: string, id: string): EventRow {
  return rowInWorkspace(engine.store.events, workspaceId, id, 'event');
}
