import { isatty } from 'node:tty';
/** Where a command writes: data to `out`, everything else (progress, status, errors) to `err`. */
export interface IO {
  out: { write(chunk: string): unknown };
  err: { write(chunk: string): unknown };
  env: Record<string, string | undefined>;
  /** Whether each stream is a terminal: colour needs the stream's own, prompts need stdin's. */
  tty: { stdin: boolean; stdout: boolean; stderr: boolean };
  /** Terminal width of stdout, when it is a terminal. */
  columns?: number | undefined;
  /** Reads all of standard input (for `login` and `api --input -` when stdin is a pipe). */
  readStdin(): Promise<string>;
  /** Calls `handler` on SIGINT or SIGTERM, once; returns a function that removes it. */
  onInterrupt(handler: (signal: 'SIGINT' | 'SIGTERM') => void): () => void;
  /** Streams for interactive prompts (only used when {@link canPrompt} is true). */
  prompt?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };
}

/** Prompts only when a person can answer: stdin and stderr are terminals and this is not CI. */
export function canPrompt(io: IO): boolean {
  return io.tty.stdin && io.tty.stderr && !isCI(io.env);
}

/** Colour only on a terminal, never with NO_COLOR (any value) or TERM=dumb. */
export function colorFor(io: IO, stream: 'stdout' | 'stderr'): boolean {
  return io.tty[stream] && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb';
}

/** Whether this runs in CI (CI set to anything but empty, "false" or "0"): never prompt, never animate. */
export const isCI = (env: IO['env']) =>
  env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';

/** The process's own streams and signals. */
export function processIO(): IO {
  return {
    out: process.stdout,
    err: process.stderr,
    env: process.env,
    tty: {
      // isatty, not process.stdin.isTTY: touching process.stdin builds the stream (and loads net/tty) on every start.
      stdin: isatty(0),
      stdout: Boolean(process.stdout.isTTY),
      stderr: Boolean(process.stderr.isTTY),
    },
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    onInterrupt(handler) {
      const listener = (signal: 'SIGINT' | 'SIGTERM') => {
        remove();
        handler(signal);
      };
      const remove = () => {
        process.off('SIGINT', listener);
        process.off('SIGTERM', listener);
      };
      process.on('SIGINT', listener);
      process.on('SIGTERM', listener);
      return remove;
    },
    get prompt() {
      return { input: process.stdin, output: process.stderr };
    },
  };
}

export interface MemoryIOOptions {
  env?: Record<string, string>;
  /** Pretend every stream is a terminal (colour and prompts still follow NO_COLOR and CI). */
  tty?: boolean;
  stdin?: string;
}

/** An in-memory IO for tests: read what a command wrote from `stdout()` and `stderr()`. */
export function memoryIO(options: MemoryIOOptions = {}) {
  let out = '';
  let err = '';
  const handlers = new Set<(signal: 'SIGINT' | 'SIGTERM') => void>();
  const tty = options.tty ?? false;
  const io: IO = {
    out: { write: (chunk: string) => (out += chunk) },
    err: { write: (chunk: string) => (err += chunk) },
    env: options.env ?? {},
    tty: { stdin: tty, stdout: tty, stderr: tty },
    columns: tty ? 100 : undefined,
    readStdin: async () => options.stdin ?? '',
    onInterrupt(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
  };
  /** Delivers a signal to the handlers registered with `onInterrupt`. */
  const interrupt = (signal: 'SIGINT' | 'SIGTERM' = 'SIGINT') => {
    for (const handler of [...handlers]) {
      handlers.delete(handler);
      handler(signal);
    }
  };
  return { io, stdout: () => out, stderr: () => err, interrupt };
}
