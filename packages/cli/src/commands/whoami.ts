import type { Command } from 'commander';
import type { Context } from '../context';
import { ApiError } from '../errors';

/** `opencom whoami`: the calling credential, its scopes and workspace (GET /me). */
export function define(program: Command, context: () => Context): void {
  program
    .command('whoami')
    .description('show the credential in use: name, actor, scopes, workspace')
    .action(async () => run(context()));
}

export async function run(ctx: Context): Promise<void> {
  const { data, error, response } = await ctx.client().GET('/me');
  if (error !== undefined || data === undefined) throw ApiError.from(error, response);
  if (ctx.globals.json) {
    ctx.io.out.write(`${JSON.stringify(data, null, 2)}\n`);
    return;
  }
  const rows: Array<[string, string]> = [
    ['name', data.name],
    ['actor', data.actorName],
    ['workspace', `${data.workspace.name} (${data.workspace.id})`],
    ['scopes', data.scopes.join(', ')],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) ctx.io.out.write(`${label.padEnd(width)}  ${value}\n`);
}
