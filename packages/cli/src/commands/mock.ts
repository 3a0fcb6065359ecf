import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Context } from '../context';
import { CommandFailure, type ExitCode } from '../errors';
import type { Announced } from './mock/server-process';

interface Flags {
  port: number;
  host?: string;
  seed: 'demo' | 'empty' | 'none';
  data?: string;
  retrySchedule?: string;
  rateLimit?: string;
  dashboard: boolean;
  quiet?: boolean;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new InvalidArgumentError('expected a port from 0 to 65535 (0 picks a free one).');
  return n;
}

/** `opencom mock`: the reference server (`opencom-mock` of @opencom/mock-server) in the foreground. */
export function register(program: Command, context: () => Context): void {
  program
    .command('mock')
    .description('run the reference server locally, seeded with a demo workspace (Ctrl-C stops it)')
    .option('--port <n>', 'port to listen on (0 picks a free one)', port, 4010)
    .option('--host <address>', 'address to listen on (default 127.0.0.1; the control API has no auth)')
    .addOption(
      new Option('--seed <seed>', 'workspace to seed; demo and empty print a new all-scopes key once')
        .choices(['demo', 'empty', 'none'])
        .default('demo'),
    )
    .option(
      '--data <dir>',
      'keep state in this directory across restarts (seeded only while it holds no workspace)',
    )
    .option(
      '--retry-schedule <list>',
      'waits before each webhook delivery attempt, e.g. 0,1s,2s,5s,10s (default 0,30s,2m,10m,1h)',
    )
    .option('--rate-limit <limits>', 'requests per minute per key and per workspace, e.g. 60,120, or "off"')
    .option('--no-dashboard', 'do not serve the dashboard at /dashboard')
    .option('--quiet', 'no request log')
    .addHelpText(
      'after',
      '\nWith --json, prints one JSON document once the server is ready ({ url, apiKey, ... }) and the log on stderr.\n' +
        '\nExamples:\n' +
        '  opencom mock\n' +
        '  opencom mock --port 0 --seed empty --quiet\n' +
        '  opencom mock --data .opencom-state --retry-schedule 0,1s,2s,5s,10s',
    )
    .action((flags: Flags) => run(flags, context()));
}

function serverArgs(flags: Flags): string[] {
  return [
    ['--port', String(flags.port)],
    flags.host === undefined ? [] : ['--host', flags.host],
    flags.seed === 'none' ? [] : ['--seed', flags.seed],
    flags.data === undefined ? [] : ['--data', flags.data],
    flags.retrySchedule === undefined ? [] : ['--retry-schedule', flags.retrySchedule],
    flags.rateLimit === undefined ? [] : ['--rate-limit', flags.rateLimit],
    flags.dashboard ? [] : ['--no-dashboard'],
    flags.quiet ? ['--quiet'] : [],
  ].flat();
}

async function run(flags: Flags, ctx: Context): Promise<void> {
  const { startServerProcess } = await import('./mock/server-process');
  // A key is announced only by a seed, and not when --data restored workspaces (it is not re-seeded).
  let expectKey = flags.seed !== 'none';
  let ready = false;
  const announce = (announced: Announced) => {
    ready = true;
    if (ctx.output.json) return ctx.output.printJson(announced);
    const login = announced.apiKey ? ' (paste the API key above)' : '';
    ctx.output.note(
      `\nNext, in another terminal: export OPENCOM_BASE_URL=${announced.url} ; opencom login${login}`,
    );
  };
  const server = startServerProcess(serverArgs(flags), (line, announced) => {
    // With --json, stdout holds only the ready document; the server's own lines go to stderr.
    (ctx.output.json ? ctx.io.err : ctx.io.out).write(`${line}\n`);
    const restored = /restored (\d+) workspace/.exec(line);
    if (restored && Number(restored[1]) > 0) expectKey = false;
    if (!ready && announced.url !== undefined && (!expectKey || announced.apiKey !== undefined))
      announce(announced);
  });
  // Ctrl-C reaches the server too (same process group); a SIGINT on top of that would make it stop
  // at once without finishing requests, so forward SIGTERM, which it treats the same and ignores
  // once it is already stopping. A second Ctrl-C ends both at once.
  const removeInterrupt = ctx.io.onInterrupt(() => server.child.kill('SIGTERM'));
  try {
    const code = await server.exited;
    if (code !== 0) throw new CommandFailure('', code as ExitCode);
  } finally {
    removeInterrupt();
  }
}
