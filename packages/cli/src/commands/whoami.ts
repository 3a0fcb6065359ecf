import type { Command } from 'commander';
import type { Context } from '../context';
import { formatTime } from '../output/format';

/** `opencom whoami`: the calling credential, its scopes and workspace (GET /me), and where the key came from. */
export function register(program: Command, context: () => Context): void {
  program
    .command('whoami')
    .description('show the credential in use: name, actor, scopes, workspace, rate limits')
    .action(() => whoami(context()));
}

const window = (w: { limit: number; remaining: number; windowSeconds: number }) =>
  `${w.remaining}/${w.limit} left per ${w.windowSeconds}s`;

async function whoami(ctx: Context): Promise<void> {
  const { source, baseUrl } = await ctx.credentials();
  const me = await (await ctx.api()).me.get();
  const { DEFAULT_BASE_URL } = await import('@opencom/sdk');
  ctx.output.result(me, () =>
    ctx.output.fields([
      ['name', me.name],
      ['actor', me.actorName],
      ['workspace', `${me.workspace.name} (${me.workspace.id})`],
      ['scopes', me.scopes.join(', ')],
      [
        'rate limits',
        `${window(me.rateLimits.credential)} for this key, ${window(me.rateLimits.workspace)} for the workspace`,
      ],
      ['expires', me.expiresAt === null ? 'never' : formatTime(me.expiresAt)],
      ['key from', source === 'environment' ? 'OPENCOM_API_KEY' : `profile "${source.profile}"`],
      ['api', baseUrl ?? `${DEFAULT_BASE_URL} (default)`],
    ]),
  );
}
