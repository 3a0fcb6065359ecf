import { Command, CommanderError } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { commands } from './commands/manifest';
import { type Context, createContext, type Globals } from './context';
import { ExitCode } from './errors';
import { colorFor, type IO } from './io/io';

export interface MainOptions {
  /** Used instead of the global fetch (tests). */
  fetch?: typeof fetch;
}

/** Global options that take a value, so the command name can be found after them. */
const VALUE_OPTIONS = new Set(['--profile']);

/** The top-level command named in `argv`, if any (the first word that is not an option or its value). */
export function commandIn(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') return argv[i + 1];
    if (VALUE_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/**
 * The program with every command listed. Only `load` (a command name, or `'*'` for all) is fully
 * defined with its verbs and options; the others are one-line entries for the help text.
 */
export async function createProgram(io: IO, options: MainOptions & { load?: string } = {}): Promise<Command> {
  const program = new Command('opencom')
    .description("Opencom's automation API from the terminal: claims, messages, articles, webhooks, events.")
    .version(packageJson.version, '-v, --version', 'print the version')
    .option('--json', 'print machine-readable JSON on stdout (and nothing else there)')
    .option(
      '--profile <name>',
      'use the key stored for this profile (default: "default", or OPENCOM_PROFILE)',
    )
    .helpCommand(false)
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError('(run `opencom --help` for usage)')
    .addHelpText(
      'after',
      "\nEnvironment: OPENCOM_API_KEY and OPENCOM_BASE_URL override the stored profile; NO_COLOR turns colour off.\nExit codes: 0 ok, 1 error, 2 usage, 3 not found, 4 conflict, 5 rate limited, 6 authentication, 7 lease lost.\nRun `opencom <command> --help` for a command's verbs and options.",
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out.write(text),
      writeErr: (text) => io.err.write(text),
      outputError: (text, write) => write(text.replace(/^error: /, 'opencom: ')),
      getOutHasColors: () => colorFor(io, 'stdout'),
      getErrHasColors: () => colorFor(io, 'stderr'),
    });
  // Options such as --json are accepted after the command too (`opencom whoami --json`).
  program.enablePositionalOptions(false);
  const context = (): Context => createContext(io, program.opts<Globals>(), options.fetch);
  for (const entry of commands) {
    if (options.load === '*' || options.load === entry.name) {
      (await entry.load()).register(program, context);
    } else {
      program.command(entry.name).description(entry.summary).helpGroup(`${entry.group}:`);
    }
  }
  for (const command of program.commands) {
    const entry = commands.find((c) => c.name === command.name());
    if (entry) command.helpGroup(`${entry.group}:`);
    inheritSettings(command, program);
  }
  return program;
}

/** Subcommands report errors and print help the way the program does, and accept the global options. */
function inheritSettings(command: Command, program: Command): void {
  command.copyInheritedSettings(program);
  // `help` as a verb would read like an API action; `opencom <noun> --help` is the way.
  command.helpCommand(false);
  for (const sub of command.commands) inheritSettings(sub, program);
}

/**
 * Runs the CLI and returns the exit code; the one place that turns errors into messages.
 * Never calls `process.exit`, so tests and embedders can call it directly.
 */
export async function main(argv: readonly string[], io: IO, options: MainOptions = {}): Promise<ExitCode> {
  let args = [...argv];
  // `opencom help articles import` is `opencom articles import --help`.
  if (args[0] === 'help') args = args.length === 1 ? ['--help'] : [...args.slice(1), '--help'];
  try {
    const name = commandIn(args);
    const known = commands.some((entry) => entry.name === name);
    const program = await createProgram(io, { ...options, ...(known && name ? { load: name } : {}) });
    if (args.length === 0) {
      program.outputHelp();
      return ExitCode.ok;
    }
    await program.parseAsync(args, { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    return await report(error, io);
  }
}

async function report(error: unknown, io: IO): Promise<ExitCode> {
  if (error instanceof CommanderError) {
    // Help and version stop commander with exit code 0; its own message is already printed.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  const { describeError, exitCodeFor, isExpected } = await import('./error-report');
  if (isExpected(error)) {
    const message = describeError(error);
    // A command that already printed its own summary fails with an empty message.
    if (message !== '') io.err.write(`opencom: ${message}\n`);
    return exitCodeFor(error);
  }
  const detail = error instanceof Error ? error.message : String(error);
  io.err.write(
    `opencom: internal error: ${detail}\nPlease report it with your version (${packageJson.version}, node ${process.version}).\n`,
  );
  return ExitCode.failure;
}
