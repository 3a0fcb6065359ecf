import { problems } from '../http/problem';
import type { Table } from './table';

/**
 * The row `id` of `table` when it belongs to `workspaceId`, else 404 `not_found`: another workspace's
 * IDs answer exactly like IDs that never existed, so they are never visible.
 */
export function rowInWorkspace<T extends { id: string; workspaceId: string }>(
  table: Table<T>,
  workspaceId: string,
  id: string,
  resource: string,
): T {
  const row = table.get(id);
  if (!row || row.workspaceId !== workspaceId) throw problems.notFound(resource, id);
  return row;
}
