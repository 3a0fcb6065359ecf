import type { ControlHandler, Engine } from '../engine/engine';
import { created, noContent, ok } from '../engine/http/json';
import type { WorkspaceRow } from '../engine/store/store';
import type { components } from '../generated/control';

/** Creates an empty workspace. */
export function createWorkspace(engine: Engine, name: string): WorkspaceRow {
  return engine.store.workspaces.insert({ id: engine.ids.next('ws'), name, createdAt: engine.clock.now() });
}

export const workspaceRoutes: Record<string, ControlHandler> = {
  resetServer: ({ engine }) => {
    engine.reset();
    return noContent();
  },
  createWorkspace: ({ engine, body }) => {
    const workspace = createWorkspace(engine, (body as components['schemas']['WorkspaceCreate']).name);
    return created(workspace);
  },
  listWorkspaces: ({ engine, query }) =>
    ok(
      engine.page(
        {
          list: 'listWorkspaces',
          index: engine.store.workspaces.index('created'),
          prefix: [],
          limit: (query.limit as number | undefined) ?? 20,
          cursor: query.cursor as string | undefined,
        },
        (row) => row,
      ),
    ),
};
