import type { ControlHandler } from '../engine/engine';
import { ok } from '../engine/http/json';
import type { AuditRow } from '../engine/store/store';
import type { operations } from '../generated/control';

type AuditQuery = NonNullable<operations['listAuditLog']['parameters']['query']>;

/** `claim.acquire` matches itself; `claim.*` matches every action on claims. */
function actionMatcher(action: string | undefined): ((row: AuditRow) => boolean) | undefined {
  if (action === undefined) return undefined;
  if (action.endsWith('.*')) {
    const prefix = action.slice(0, -1);
    return (row) => row.action.startsWith(prefix);
  }
  return (row) => row.action === action;
}

export const auditRoutes: Record<string, ControlHandler> = {
  listAuditLog: ({ engine, query }) => {
    const { workspaceId, credentialId, action, limit, cursor } = query as AuditQuery;
    const matchesAction = actionMatcher(action);
    const filter = (row: AuditRow) =>
      (credentialId === undefined || row.credentialId === credentialId) &&
      (matchesAction === undefined || matchesAction(row));
    // A credential belongs to one workspace, so its entries are found through the workspace index;
    // an unknown credential has none.
    const owner = credentialId === undefined ? undefined : engine.store.credentials.get(credentialId);
    if (credentialId !== undefined && owner === undefined)
      return ok({ data: [], nextCursor: null, hasMore: false });
    const scope = workspaceId ?? owner?.workspaceId;
    const byWorkspace = scope !== undefined;
    return ok(
      engine.page(
        {
          list: byWorkspace ? 'listAuditLog:workspace' : 'listAuditLog:all',
          index: engine.store.audit.index(byWorkspace ? 'created' : 'all'),
          prefix: byWorkspace ? [scope] : [],
          reverse: true,
          limit: limit ?? 20,
          cursor,
          filter,
        },
        (row) => row,
      ),
    );
  },
};
