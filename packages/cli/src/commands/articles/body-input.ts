import { readFile } from 'node:fs/promises';
import type { Context } from '../../context';
import { UsageError } from '../../errors';

/** The Markdown body from `--body-file <file>`, or from stdin for `-`, exactly as written. */
export async function readBody(ctx: Context, path: string): Promise<string> {
  if (path === '-') return ctx.io.readStdin();
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${path} (${error.code ?? error.message})`);
  });
}
