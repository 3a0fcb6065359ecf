// Programmatic entry point: run the CLI with your own streams (used by tests and wrappers).
export { ExitCode, UsageError } from './errors';
export { type IO, memoryIO, processIO } from './io/io';
export { createProgram, type MainOptions, main } from './main';
