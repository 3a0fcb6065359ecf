import type { EngineState } from '../context';
import type { Page } from '../pagination';
import type { IndexKey, SortedIndex } from '../store/sorted-index';

export interface NewestFirstRequest<R> {
  list: string;
  /** An index whose keys end with `(createdAt, id)`. */
  index: SortedIndex<R>;
  prefix: IndexKey;
  limit: number;
  cursor: string | undefined;
  filter: (row: R) => boolean;
  /** Oldest `createdAt` to include: the scan stops there instead of filtering every older row. */
  createdAfter: number | undefined;
}

/**
 * One page, newest first, like `engine.page` with `reverse`, plus a lower bound on `createdAt` that
 * ends the scan (engine.page can only skip rows), so `createdAfter` costs O(log n + page).
 */
export function pageNewestFirst<R extends { createdAt: number }, T>(
  engine: EngineState,
  request: NewestFirstRequest<R>,
  serialize: (row: R) => T,
): Page<T> {
  const after =
    request.cursor === undefined ? undefined : engine.cursors.decode(request.list, request.cursor);
  const rows: R[] = [];
  let hasMore = false;
  for (const row of request.index.scan(request.prefix, { reverse: true, ...(after ? { after } : {}) })) {
    if (request.createdAfter !== undefined && row.createdAt < request.createdAfter) break;
    if (!request.filter(row)) continue;
    if (rows.length === request.limit) {
      hasMore = true;
      break;
    }
    rows.push(row);
  }
  const last = rows.at(-1);
  return {
    data: rows.map(serialize),
    nextCursor:
      hasMore && last !== undefined ? engine.cursors.encode(request.list, request.index.keyOf(last)) : null,
    hasMore,
  };
}
