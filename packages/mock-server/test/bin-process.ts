import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** `opencom-mock` running in a child process, once its banner said where it listens. */
export interface BinProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  url: string;
  /** The seeded key, printed once; null without `--seed` or when the data directory was restored. */
  key: string | null;
}

/**
 * Starts `opencom-mock` on a free port and resolves once its banner is out: `command` runs it (the
 * sources through tsx, or the built `dist/bin.js`), `args` are its options.
 */
export function startBin(
  command: readonly string[],
  args: readonly string[],
  options: { cwd?: string } = {},
): Promise<BinProcess> {
  const child = spawn(process.execPath, [...command, '--port', '0', '--quiet', ...args], {
    ...options,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seeded = args.includes('--seed');
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    // A killed child resets its pipes; that is expected, not a test failure.
    const ignore = (): void => undefined;
    child.stdout.on('error', ignore);
    child.stderr.on('error', ignore);
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`opencom-mock exited with ${code}: ${err}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+) /.exec(out)?.[1];
      const key = /API key \(shown once\): (\S+)/.exec(out)?.[1] ?? null;
      if (url && (!seeded || key || /restored [1-9]/.test(out))) resolve({ child, url, key });
    });
  });
}

/** Resolves when the process has exited, with the signal that ended it, if any. */
export function exitOf(child: BinProcess['child']): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.signalCode);
    else child.once('exit', (_code, signal) => resolve(signal));
  });
}
