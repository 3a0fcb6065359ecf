import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * The `opencom-mock` bin of the installed @opencom/mock-server, found through its package.json (its
 * `bin` field), so the CLI does not depend on the package's file layout.
 */
export function mockServerBin(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('@opencom/mock-server/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    bin?: string | Record<string, string>;
  };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.['opencom-mock'];
  if (bin === undefined) throw new Error(`${manifestPath} names no opencom-mock bin`);
  return resolve(dirname(manifestPath), bin);
}

/** What the server announced on start-up (read from its stdout). */
export interface Announced {
  url?: string;
  dashboardUrl?: string;
  workspaceId?: string;
  /** The seeded key, printed once by the server. */
  apiKey?: string;
}

export interface ServerProcess {
  child: ChildProcess;
  /** Resolves with the child's exit code (128 + n for a signal, as a shell reports it). */
  exited: Promise<number>;
}

/**
 * Preloaded into the server: its stdin is a pipe from the CLI that the kernel closes when the CLI
 * dies without a chance to forward a signal (SIGKILL), and the server then stops the way SIGTERM
 * stops it instead of living on, orphaned, on its port (its stdout is gone too: writes to it are
 * dropped). `unref` lets it exit normally otherwise.
 */
const STOP_WITH_PARENT = `data:text/javascript,${encodeURIComponent(
  "const s=process.stdin;s.on('end',()=>{process.stdout.on('error',()=>{});process.kill(process.pid,'SIGTERM')});s.resume();s.unref();",
)}`;

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/**
 * Runs the server with this Node (process.execPath), stderr passed through, and each stdout line
 * handed to `onLine` with what has been announced so far (the lines are the bin's documented output).
 */
export function startServerProcess(
  args: readonly string[],
  onLine: (line: string, announced: Announced) => void,
): ServerProcess {
  const child = spawn(process.execPath, ['--import', STOP_WITH_PARENT, mockServerBin(), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const announced: Announced = {};
  const lines = createInterface({
    input: child.stdout as NodeJS.ReadableStream,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  lines.on('line', (line) => {
    read(line, announced);
    onLine(line, announced);
  });
  const exited = new Promise<number>((done, fail) => {
    child.once('error', fail);
    // 'close' waits for stdout to end, so every line has been handed over first.
    child.once('close', (code, signal) => done(code ?? 128 + (signal ? (SIGNAL_NUMBERS[signal] ?? 0) : 0)));
  });
  return { child, exited };
}

/** The lines of the bin's start-up output that carry something a user (or `--json`) needs. */
const ANNOUNCEMENTS: Array<[keyof Announced, RegExp]> = [
  ['url', /listening on (https?:\/\/\S+)/],
  ['dashboardUrl', /^Dashboard: (\S+)/],
  ['workspaceId', /^Seeded ".*" \((\S+)\)/],
  ['apiKey', /^API key \(shown once\): (\S+)/],
];

function read(line: string, announced: Announced): void {
  for (const [field, pattern] of ANNOUNCEMENTS) {
    const value = pattern.exec(line)?.[1];
    if (value !== undefined) announced[field] = value;
  }
}
