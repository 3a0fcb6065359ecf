/**
 * End-to-end support: the built `opencom` binary as a child process against a real reference server
 * (node:http on 127.0.0.1:0) in this test process, with a throwaway config dir per test.
 * Every response the server sends is checked against the spec; a violation fails the test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createMockServer,
  type HttpServer,
  type MockServer,
  type MockServerOptions,
  seedDemoWorkspace,
  startHttpServer,
} from '@opencom/mock-server';
import { afterEach, expect } from 'vitest';

export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`pnpm build\` first (pnpm test does).`);

const cleanups: Array<() => Promise<void>> = [];
const servers: MockServer[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  const violations = servers.splice(0).flatMap((server) => server.contractViolations.splice(0));
  expect(violations, 'responses that do not match the spec').toEqual([]);
});

export interface TestServer {
  server: MockServer;
  http: HttpServer;
  url: string;
  /** The demo workspace's all-scopes key. */
  apiKey: string;
  workspaceId: string;
  /** Env for the CLI: this server, this key, a fresh config dir. */
  env: Record<string, string>;
  configDir: string;
}

/** A reference server seeded with the demo workspace, stopped after the test. */
export async function startServer(options: MockServerOptions = {}): Promise<TestServer> {
  const server = createMockServer({ rateLimits: false, validateResponses: true, ...options });
  servers.push(server);
  const seeded = seedDemoWorkspace(server);
  const http = await startHttpServer(server, { port: 0 });
  cleanups.push(() => http.close());
  const configDir = await mkdtemp(join(tmpdir(), 'opencom-cli-'));
  cleanups.push(() => rm(configDir, { recursive: true, force: true }));
  return {
    server,
    http,
    url: http.url,
    apiKey: seeded.credential.secret,
    workspaceId: seeded.workspace.id,
    configDir,
    env: {
      OPENCOM_BASE_URL: http.url,
      OPENCOM_API_KEY: seeded.credential.secret,
      XDG_CONFIG_HOME: configDir,
    },
  };
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  cwd?: string;
}

/** The process env for the CLI: PATH and HOME only, plus `env` (undefined values removed). */
function childEnv(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: env.XDG_CONFIG_HOME ?? tmpdir() };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  }
  return base;
}

/** Starts `opencom <args>`; the caller reads its output and ends it. Killed after the test if still running. */
export function spawnCli(
  args: readonly string[],
  options: RunOptions = {},
): ChildProcess & { output: Output } {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: childEnv(options.env),
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output = new Output(child);
  if (options.stdin !== undefined) child.stdin.end(options.stdin);
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await output.exited;
    }
  });
  return Object.assign(child, { output });
}

/** Runs `opencom <args>` to completion. */
export async function runCli(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const child = spawnCli(args, { ...options, stdin: options.stdin ?? '' });
  await child.output.exited;
  return child.output.result();
}

/** Runs the CLI and parses its stdout as JSON, failing with its stderr when it did not exit 0. */
// biome-ignore lint/suspicious/noExplicitAny: tests assert on loosely typed JSON output
export async function runJson<T = any>(args: readonly string[], options: RunOptions = {}): Promise<T> {
  const result = await runCli([...args, '--json'], options);
  expect(result.stderr === '' || result.code === 0 ? result.code : result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
}

/** Collected output of a child, with a way to wait for a line. */
export class Output {
  stdout = '';
  stderr = '';
  readonly exited: Promise<void>;
  #code: number | null = null;
  #signal: NodeJS.Signals | null = null;
  #waiters: Array<() => void> = [];

  constructor(child: ChildProcess) {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.#append('stdout', chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.#append('stderr', chunk));
    this.exited = new Promise((resolve) =>
      child.once('close', (code, signal) => {
        this.#code = code;
        this.#signal = signal;
        for (const wake of this.#waiters.splice(0)) wake();
        resolve();
      }),
    );
  }

  #append(stream: 'stdout' | 'stderr', chunk: string) {
    this[stream] += chunk;
    for (const wake of this.#waiters.splice(0)) wake();
  }

  result(): RunResult {
    return { code: this.#code, signal: this.#signal, stdout: this.stdout, stderr: this.stderr };
  }

  /** Resolves once `pattern` appears on the stream; rejects if the process exits first. */
  async waitFor(pattern: RegExp, stream: 'stdout' | 'stderr' = 'stdout'): Promise<RegExpMatchArray> {
    for (;;) {
      const match = this[stream].match(pattern);
      if (match) return match;
      if (this.#code !== null || this.#signal !== null) {
        throw new Error(
          `exited (${this.#code ?? this.#signal}) before ${pattern} on ${stream}:\n${this.stdout}\n${this.stderr}`,
        );
      }
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }
}

/**
 * Runs `opencom <args>` on a pseudo-terminal (util-linux `script`), typing `input` once `prompt`
 * appears. Returns everything the terminal showed and the exit code.
 */
export async function runInTerminal(
  args: readonly string[],
  steps: Array<{ prompt: RegExp; input: string }>,
  options: RunOptions = {},
): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qefc', command, '/dev/null'], {
    env: { ...childEnv(options.env), TERM: 'xterm-256color' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output = new Output(child);
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  for (const step of steps) {
    await output.waitFor(step.prompt);
    child.stdin.write(step.input);
  }
  await output.exited;
  return { code: output.result().code, screen: output.stdout };
}

/** Issues another key of the test's workspace through the control API (e.g. with fewer scopes). */
export async function createKey(
  t: Pick<TestServer, 'url' | 'workspaceId'>,
  scopes: readonly string[],
  name = 'Limited key',
): Promise<{ id: string; secret: string }> {
  const response = await fetch(`${t.url}/__control/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      workspaceId: t.workspaceId,
      name,
      actorName: name.toLowerCase().replace(/\W+/g, '-'),
      scopes,
    }),
  });
  if (response.status !== 201)
    throw new Error(`createCredential: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; secret: string };
}
