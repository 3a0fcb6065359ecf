import { type Command, InvalidArgumentError } from 'commander';
import type { Context } from '../context';
import type { Column, PageLike } from '../output/output';

export interface ListFlags {
  limit?: number;
  cursor?: string;
  all?: boolean;
}

/** `--limit`, `--cursor` and `--all`, the same on every list command. */
export function listOptions(command: Command): Command {
  return command
    .option('--limit <n>', 'items per page, 1-100 (default 20)', integer)
    .option('--cursor <cursor>', 'continue from the `nextCursor` of a previous page')
    .option('--all', 'follow every page (prints them as one list)');
}

/** A PagePromise of the SDK, seen only as what listing needs. */
interface Pages<T> extends PromiseLike<PageLike<T>>, AsyncIterable<T> {}

/**
 * Runs a list call and prints it: one page (as the API returns it with `--json`), or with `--all`
 * every item as one page `{ data, hasMore: false, nextCursor: null }` so scripts see one shape.
 */
export async function printList<T>(
  ctx: Context,
  flags: ListFlags,
  call: (query: { limit?: number; cursor?: string }) => Pages<T>,
  columns: Column<T>[],
  empty: string,
): Promise<void> {
  const query = {
    ...(flags.limit === undefined ? {} : { limit: flags.limit }),
    ...(flags.cursor === undefined ? {} : { cursor: flags.cursor }),
  };
  if (flags.all) {
    const data: T[] = [];
    for await (const item of call(query)) data.push(item);
    ctx.output.page({ data, hasMore: false, nextCursor: null }, columns, { empty });
    return;
  }
  const page = await call(query);
  ctx.output.page({ data: page.data, hasMore: page.hasMore, nextCursor: page.nextCursor ?? null }, columns, {
    empty,
  });
}

/** Commander argument parser for a positive integer. */
export function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number.');
  return n;
}
