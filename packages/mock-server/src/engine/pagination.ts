import type { CursorCodec } from './cursor';
import { JsonText } from './http/json';
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
  const { data: rows, nextCursor, hasMore } = readPage(codec, request);
  return { data: rows.map(serialize), nextCursor, hasMore };
}

/**
 * The same page as {@link paginate}, serialized: `rowJson` gives each row's JSON text (usually cached
 * with `Table.json`), and the page is assembled around them with the keys in the same order.
 */
export function paginateJson<R>(
  codec: CursorCodec,
  request: PageRequest<R>,
  rowJson: (row: R) => string,
): JsonText {
  const { data: rows, nextCursor, hasMore } = readPage(codec, request);
  // A cursor is base64url, `.` and base64url: nothing in it needs escaping in JSON.
  const cursor = nextCursor === null ? 'null' : `"${nextCursor}"`;
  return new JsonText(
    `{"data":[${rows.map(rowJson).join(',')}],"nextCursor":${cursor},"hasMore":${hasMore}}`,
  );
}

function readPage<R>(codec: CursorCodec, request: PageRequest<R>): Page<R> {
  const after = request.cursor === undefined ? request.start : codec.decode(request.list, request.cursor);
  const rows: R[] = [];
  let hasMore = false;
  const { stopAt, filter, limit } = request;
  request.index.visit(request.prefix, { after, reverse: request.reverse }, (row) => {
    if (stopAt?.(row)) return false;
    if (filter && !filter(row)) return true;
    if (rows.length === limit) {
      hasMore = true;
      return false;
    }
    rows.push(row);
    return true;
  });
  const last = rows.at(-1);
  return {
    data: rows,
    nextCursor: hasMore && last !== undefined ? codec.encode(request.list, request.index.keyOf(last)) : null,
    hasMore,
  };
}
