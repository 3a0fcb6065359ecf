import type { components } from '../../generated/openapi';
import type { EngineState, RouteTable } from '../context';
import { ok } from '../http/json';
import { ApiProblem } from '../http/problem';
import type { EventRow } from '../store/store';
import { eventOr404, toEvent } from './event-record';

type EventPage = components['schemas']['EventPage'];

/** Cursors name the ledger, not the filters: one can be reused with other `types` (spec: listEvents). */
const LIST = 'events';

const foreignCursor = () =>
  new ApiProblem(
    400,
    'invalid_cursor',
    'Invalid cursor',
    'The cursor is malformed, was modified, or belongs to another list; start again without one.',
    { errors: [{ pointer: '/query/after', message: 'is not a cursor issued for this feed' }] },
  );

/** The ledger position `after` names: a sequence number; 0 is before the first event. */
function startOf(engine: EngineState, workspaceId: string, after: string | undefined): number {
  if (after === undefined) return 0;
  if (after === 'now') return headOf(engine, workspaceId);
  const key = engine.cursors.decode(LIST, after);
  const [workspace, seq] = key;
  // Signed by this server but for another workspace: as foreign as a forged one.
  if (key.length !== 2 || workspace !== workspaceId || typeof seq !== 'number') throw foreignCursor();
  return seq;
}

/** The sequence number of the workspace's newest event, or 0. */
function headOf(engine: EngineState, workspaceId: string): number {
  const newest = engine.store.events.index('sequence').scan([workspaceId], { reverse: true }).next();
  return newest.done ? 0 : newest.value.seq;
}

export const eventsRoutes: RouteTable = {
  /**
   * Forward from the cursor, in ledger order: `seq` is assigned when an event is written, so events of
   * the same millisecond keep their order and a page boundary never skips or repeats one.
   */
  listEvents: ({ engine, workspace, query }) => {
    const limit = query.limit ?? 20;
    const types = query.types === undefined ? undefined : new Set<string>(query.types);
    const resourceTypes =
      query.resourceTypes === undefined ? undefined : new Set<string>(query.resourceTypes);
    const matches = (row: EventRow) =>
      (types === undefined || types.has(row.type)) &&
      (resourceTypes === undefined || resourceTypes.has(row.resource.type));
    let position = startOf(engine, workspace.id, query.after);
    const rows: EventRow[] = [];
    let hasMore = false;
    const scan = engine.store.events
      .index('sequence')
      .scan([workspace.id], { after: [workspace.id, position] });
    for (const row of scan) {
      if (!matches(row)) {
        // The cursor moves past events that do not match, so the next poll does not read them again.
        position = row.seq;
        continue;
      }
      if (rows.length === limit) {
        hasMore = true;
        break;
      }
      rows.push(row);
      position = row.seq;
    }
    const page: EventPage = {
      data: rows.map(toEvent),
      nextCursor: engine.cursors.encode(LIST, [workspace.id, position]),
      hasMore,
    };
    return ok(page);
  },

  getEvent: ({ engine, workspace, path }) => ok(toEvent(eventOr404(engine, workspace.id, path.eventId))),
};
