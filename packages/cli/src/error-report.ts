// How errors are reported; imported only once something has failed (it loads the SDK's classes).
import {
  AuthenticationError,
  ClaimLostError,
  ConflictError,
  ConnectionError,
  IdempotencyError,
  InvalidRequestError,
  NotFoundError,
  OpencomConfigError,
  OpencomError,
  PermissionError,
  RateLimitError,
  TimeoutError,
} from '@opencom/sdk';
import { CommandFailure, ExitCode, UsageError } from './errors';

/** The exit code for an error thrown by a command. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof CommandFailure) return error.exitCode;
  if (error instanceof UsageError || error instanceof OpencomConfigError) return ExitCode.usage;
  if (error instanceof ClaimLostError) return ExitCode.leaseLost;
  if (error instanceof AuthenticationError || error instanceof PermissionError) return ExitCode.auth;
  if (error instanceof NotFoundError) return ExitCode.notFound;
  if (error instanceof ConflictError || error instanceof IdempotencyError) return ExitCode.conflict;
  if (error instanceof RateLimitError) return ExitCode.rateLimited;
  if (error instanceof InvalidRequestError) return ExitCode.usage;
  return ExitCode.failure;
}

/**
 * One line for stderr: what went wrong, then the problem code and request ID in parentheses so a
 * user can quote them. The SDK has already redacted anything that looks like a key.
 */
export function describeError(error: unknown): string {
  if (error instanceof OpencomError) {
    const message = error.message.replace(/^@opencom\/sdk:\s*/, '');
    if (error instanceof TimeoutError) return message;
    if (error instanceof ConnectionError) {
      return `${message} (is the server running? \`opencom mock\` starts one locally)`;
    }
    // The SDK's message repeats the status, code and request ID; the CLI puts those in one place.
    const base = error.detail ?? error.problem?.title ?? message.replace(/ \(request [^)]*\)$/, '');
    const pointers = (error.problem?.errors ?? []).map((e) => `${e.pointer || '/'} ${e.message}`);
    const detail = pointers.length > 0 ? `${base.replace(/\.$/, '')}: ${pointers.join('; ')}` : base;
    const extra = [error.code, error.requestId && `request ${error.requestId}`].filter(Boolean);
    return extra.length > 0 ? `${detail} (${extra.join(', ')})` : detail;
  }
  return error instanceof Error ? error.message : String(error);
}

/** An error the CLI expects (API problems, usage, reported failures), as opposed to a bug. */
export function isExpected(error: unknown): boolean {
  return error instanceof OpencomError || error instanceof UsageError || error instanceof CommandFailure;
}
