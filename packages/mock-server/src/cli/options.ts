import { parseArgs } from 'node:util';
import { parseRetrySchedule } from '../engine/delivery/retry-schedule';
import type { RateLimitOptions } from '../engine/rate-limit';

export const HELP = `Usage: opencom-mock [options]

Runs the Opencom reference server over HTTP, with the control API under /__control/.

Options:
  --port <n>            port to listen on (default 4010; 0 picks a free one)
  --host <address>      address to listen on (default 127.0.0.1; the control API has no auth)
  --seed <demo|empty>   seed a workspace at startup and print its API key once
  --rate-limit <a,b>    requests per minute per credential and per workspace (default 60,120),
                        or "off"
  --retry-schedule <list>
                        waits before each webhook delivery attempt, e.g. 0,1s,2s,5s,10s for local
                        use (units ms, s, m, h; default 0,30s,2m,10m,1h)
  --data <dir>          keep state in <dir>: every write is on disk before its response, and a
                        restart (even after kill -9) carries on from it; --seed applies only
                        while <dir> holds no workspace
  --no-dashboard        do not serve the dashboard web page at /dashboard
  --quiet               no request log
  -h, --help            show this help
`;

export interface MockOptions {
  port: number;
  host: string;
  seed: 'demo' | 'empty' | null;
  rateLimits: Partial<RateLimitOptions> | false;
  /** Milliseconds before each webhook delivery attempt; absent keeps the server's default. */
  retrySchedule?: readonly number[];
  /** Directory for durable state; absent keeps state in memory. */
  dataDir?: string;
  /** Serve the dashboard at /dashboard (`--no-dashboard` turns it off). */
  dashboard: boolean;
  quiet: boolean;
}

/** A mistake on the command line; the bin prints it with the help hint and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function parseRateLimit(value: string): MockOptions['rateLimits'] {
  if (value === 'off') return false;
  const match = /^(\d+),(\d+)$/.exec(value);
  const perCredential = Number(match?.[1]);
  const perWorkspace = Number(match?.[2]);
  if (!match || perCredential < 1 || perWorkspace < 1) {
    throw new UsageError(`--rate-limit must be two positive numbers like 60,120, or off (got ${value})`);
  }
  return { perCredential, perWorkspace };
}

function retryScheduleOf(value: string): readonly number[] {
  try {
    return parseRetrySchedule(value);
  } catch (error) {
    throw new UsageError(`--retry-schedule: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function dataDirOf(value: string): string {
  if (value.trim() === '') throw new UsageError('--data needs a directory');
  return value;
}

/** Parses `opencom-mock` arguments; `null` means `--help`. */
export function parseOptions(args: readonly string[]): MockOptions | null {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(args).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return null;
  const port = Number(values.port ?? '4010');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535 (got ${values.port})`);
  }
  const seed = values.seed ?? null;
  if (seed !== null && seed !== 'demo' && seed !== 'empty') {
    throw new UsageError(`--seed must be demo or empty (got ${seed})`);
  }
  return {
    port,
    host: values.host ?? '127.0.0.1',
    seed,
    rateLimits: values['rate-limit'] === undefined ? {} : parseRateLimit(values['rate-limit']),
    ...(values['retry-schedule'] === undefined
      ? {}
      : { retrySchedule: retryScheduleOf(values['retry-schedule']) }),
    ...(values.data === undefined ? {} : { dataDir: dataDirOf(values.data) }),
    dashboard: values.dashboard ?? true,
    quiet: values.quiet ?? false,
  };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    // `--no-dashboard` (Node's parseArgs has negated booleans since 20.16).
    allowNegative: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      'rate-limit': { type: 'string' },
      'retry-schedule': { type: 'string' },
      data: { type: 'string' },
      dashboard: { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
