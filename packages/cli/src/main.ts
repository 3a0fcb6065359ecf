import { Command, CommanderError } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { type Context, createContext } from './context';
import { ApiError, ExitCode, UsageError } from './errors';
import type { IO } from './io/io';

/** Each command module is imported only when its command runs, so `opencom --help` stays fast. */
const commands: Record<string, () => Promise<{ define(program: Command, ctx: () => Context): void }>> = {
  whoami: () => import('./commands/whoami'),
};

export interface MainOptions {
  /** Used instead of the global fetch (tests). */
  fetch?: typeof fetch;
}

/** Builds the program with every command registered. */
export async function createProgram(io: IO, options: MainOptions = {}): Promise<Command> {
  const program = new Command('opencom')
    .description("Opencom's automation API from the terminal: claims, messages, articles, webhooks, events.")
    .version(packageJson.version, '-v, --version', 'print the version')
    .option('--json', 'print machine-readable JSON')
    .showHelpAfterError('(run `opencom --help` for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out.write(text),
      writeErr: (text) => io.err.write(text),
      getOutHasColors: () => io.isInteractive && io.env.NO_COLOR === undefined,
      getErrHasColors: () => io.isInteractive && io.env.NO_COLOR === undefined,
    });
  const context = () => createContext(io, program.opts<Context['globals']>(), options.fetch);
  for (const load of Object.values(commands)) (await load()).define(program, context);
  return program;
}

/**
 * Runs the CLI and returns the exit code; the one place that turns errors into messages.
 * Never calls `process.exit`, so tests and embedders can call it directly.
 */
export async function main(argv: readonly string[], io: IO, options: MainOptions = {}): Promise<ExitCode> {
  try {
    const program = await createProgram(io, options);
    if (argv.length === 0) {
      program.outputHelp();
      return ExitCode.ok;
    }
    await program.parseAsync(argv as string[], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: IO): ExitCode {
  if (error instanceof CommanderError) {
    // Help and version stop commander with exit code 0; its own message is already printed.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof UsageError) {
    io.err.write(`opencom: ${error.message}\n`);
    return ExitCode.usage;
  }
  if (error instanceof ApiError) {
    const request = error.requestId ? `, request ${error.requestId}` : '';
    io.err.write(`opencom: ${error.message} (${error.code}${request})\n`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? error.message : String(error);
  io.err.write(
    `opencom: internal error: ${detail}\nPlease report it with your version (${packageJson.version}, node ${process.version}).\n`,
  );
  return ExitCode.failure;
}
