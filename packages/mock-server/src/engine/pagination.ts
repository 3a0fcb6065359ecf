import type { CursorCodec } from './cursor';
import type { IndexKey, SortedIndex } from './store/sorted-index';

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
  hasMore: boolean;
}

export interface PageRequest<R> {
  /** Names the list in its cursors, so a cursor from another list is refused. */
  list: string;
  index: SortedIndex<R>;
  prefix: IndexKey;
  reverse?: boolean;
  limit: number;
  cursor?: string | undefined;
  /** Start strictly after this key when there is no cursor (e.g. `updatedSince`). */
  start?: IndexKey;
  /** Filters not served by the index; rows that fail are skipped. */
  filter?: (row: R) => boolean;
  /** Ends the scan at the first row it accepts (a bound the index order guarantees, e.g. `createdAfter`). */
  stopAt?: (row: R) => boolean;
}

/** Reads one page from an index: O(log n + limit) when the index serves every filter. */
export function paginate<R, T>(
  codec: CursorCodec,
  request: PageRequest<R>,
  serialize: (row: R) => T,
): Page<T> {
  const after = request.cursor === undefined ? request.start : codec.decode(request.list, request.cursor);
  const rows: R[] = [];
  let hasMore = false;
  const scan = request.index.scan(request.prefix, {
    ...(after ? { after } : {}),
    ...(request.reverse ? { reverse: true } : {}),
  });
  for (const row of scan) {
    if (request.stopAt?.(row)) break;
    if (request.filter && !request.filter(row)) continue;
    if (rows.length === request.limit) {
      hasMore = true;
      break;
    }
    rows.push(row);
  }
  const last = rows.at(-1);
  return {
    data: rows.map(serialize),
    nextCursor: hasMore && last !== undefined ? codec.encode(request.list, request.index.keyOf(last)) : null,
    hasMore,
  };
}
