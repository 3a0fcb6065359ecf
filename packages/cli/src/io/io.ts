/** Where a command writes: data to `out`, everything else (status, errors) to `err`. */
export interface IO {
  out: { write(chunk: string): unknown };
  err: { write(chunk: string): unknown };
  /** True when prompts and colour are allowed: stdin and stdout are terminals and not in CI. */
  isInteractive: boolean;
  env: Record<string, string | undefined>;
}

/** The process's own streams. */
export function processIO(): IO {
  const env = process.env;
  return {
    out: process.stdout,
    err: process.stderr,
    isInteractive: Boolean(process.stdin.isTTY && process.stdout.isTTY) && !env.CI,
    env,
  };
}

/** An in-memory IO for tests: read what a command wrote from `stdout()` and `stderr()`. */
export function memoryIO(options: { env?: Record<string, string>; interactive?: boolean } = {}) {
  let out = '';
  let err = '';
  const io: IO = {
    out: { write: (chunk: string) => (out += chunk) },
    err: { write: (chunk: string) => (err += chunk) },
    isInteractive: options.interactive ?? false,
    env: options.env ?? {},
  };
  return { io, stdout: () => out, stderr: () => err };
}
