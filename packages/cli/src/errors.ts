// Kept free of SDK imports: main.ts loads it for every run, including --help.

/**
 * Exit codes scripts can rely on; documented in the package README (keep the two in step).
 * 1 and 2 mean what they mean for gh; the rest name the API outcome a script most often branches on.
 */
export const ExitCode = {
  ok: 0,
  /** Anything not listed below: a server error, no connection, an internal error. */
  failure: 1,
  /** The command was called wrongly, or the API rejected the input (`validation_failed`, ...), or a prompt was cancelled. */
  usage: 2,
  notFound: 3,
  /** 409: a claim held by someone else, a state that forbids the change, an idempotency conflict. */
  conflict: 4,
  rateLimited: 5,
  /** No key, a rejected key, or a key without the scope the command needs. */
  auth: 6,
  /** `claims hold` lost its lease (expiry, or taken over) before it was asked to stop. */
  leaseLost: 7,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A mistake in how the command was called; printed as one line with a hint, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A failure the command has already explained (or that needs a specific exit code), e.g. some files of an import failed. */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.failure,
  ) {
    super(message);
  }
}
