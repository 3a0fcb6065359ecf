import type { components } from '../generated/openapi';
import { redact } from '../internal/redact';

/** An RFC 9457 problem as the API sends it (`application/problem+json`). */
export type Problem = components['schemas']['Problem'];
/** The stable machine-readable error codes of the spec. */
export type ErrorCode = components['schemas']['ErrorCode'];
/** One entry of a `validation_failed` problem's `errors`. */
export type FieldError = components['schemas']['FieldError'];
/** Who holds a conversation, from a `claim_conflict` problem. */
export type ClaimHolder = components['schemas']['ClaimHolder'];

/** What an {@link OpencomError} is built from; every field is optional. */
export interface OpencomErrorOptions {
  status?: number | undefined;
  code?: string | undefined;
  requestId?: string | undefined;
  detail?: string | undefined;
  problem?: Problem | undefined;
  /** Response headers (rate-limit state, `Retry-After`); never the request's, which hold the key. */
  headers?: Headers | undefined;
  cause?: unknown;
}

const PREFIX = '@opencom/sdk:';
const DOCS = 'https://docs.opencom.dev/errors/';

/**
 * Every error the SDK throws. HTTP failures carry the problem the server sent; connection failures
 * have no `status`. The message starts with `@opencom/sdk:` and never contains the API key.
 *
 * @example
 * try {
 *   await opencom.conversations.get('conv_missing');
 * } catch (error) {
 *   if (error instanceof OpencomError) console.error(error.code, error.requestId, error.docUrl);
 * }
 * @see spec/components/schemas/problem.yaml
 */
export class OpencomError extends Error {
  override readonly name: string = 'OpencomError';
  /** HTTP status, or undefined when no response arrived. */
  readonly status: number | undefined;
  /** The problem's stable `code` (see {@link ErrorCode}); a newer server may send codes not listed there. */
  readonly code: ErrorCode | (string & {}) | undefined;
  /** The server's request ID (`X-Request-Id`): quote it when reporting a problem. */
  readonly requestId: string | undefined;
  /** The problem's human-readable explanation. */
  readonly detail: string | undefined;
  /** The full problem body, when the server sent one. */
  readonly problem: Problem | undefined;
  /** Where the error code is documented. */
  readonly docUrl: string | undefined;
  /** The response headers, when a response arrived. */
  readonly headers: Headers | undefined;

  constructor(message: string, options: OpencomErrorOptions = {}) {
    const text = message.startsWith(PREFIX) ? message : `${PREFIX} ${message}`;
    super(redact(text), options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
    this.code = options.code;
    this.requestId = options.requestId;
    this.detail = options.detail === undefined ? undefined : redact(options.detail);
    // The problem as sent, minus anything that looks like a key the server may have echoed.
    this.problem =
      options.problem === undefined
        ? undefined
        : (JSON.parse(redact(JSON.stringify(options.problem))) as Problem);
    this.headers = options.headers;
    const type = options.problem?.type;
    this.docUrl =
      type?.startsWith('https://') === true
        ? type
        : options.code === undefined
          ? undefined
          : `${DOCS}${options.code}`;
  }
}

/** 401: no, malformed, unknown or rotated API key (`unauthenticated`, `credential_rotated`). */
export class AuthenticationError extends OpencomError {
  override readonly name: string = 'AuthenticationError';
}

/** 403: the key is disabled, expired, or lacks the operation's scope (`requiredScope`). */
export class PermissionError extends OpencomError {
  override readonly name: string = 'PermissionError';
  /** For `insufficient_scope`: the scope the operation needs. */
  get requiredScope(): string | undefined {
    return this.problem?.requiredScope;
  }
}

/** 404 `not_found`: no such resource in this workspace. */
export class NotFoundError extends OpencomError {
  override readonly name: string = 'NotFoundError';
}

/** 4xx: the request itself is wrong (malformed JSON, bad cursor, too large, wrong media type or method). */
export class InvalidRequestError extends OpencomError {
  override readonly name: string = 'InvalidRequestError';
}

/** 400 `validation_failed`: see `errors` for one `{ pointer, message }` per problem found. */
export class ValidationError extends InvalidRequestError {
  override readonly name: string = 'ValidationError';
  /** JSON pointers into the request (`/body/title`, `/query/limit`) with what is wrong there. */
  get errors(): FieldError[] {
    return this.problem?.errors ?? [];
  }
}

/** 409: the write conflicts with the resource's state (`conflict`, `invalid_transition`, claim codes). */
export class ConflictError extends OpencomError {
  override readonly name: string = 'ConflictError';
}

/** 409 `claim_conflict`: another credential holds the conversation; see `holder`. */
export class ClaimConflictError extends ConflictError {
  override readonly name: string = 'ClaimConflictError';
  /** The current holder's actor name and lease expiry. */
  get holder(): ClaimHolder | undefined {
    return this.problem?.holder;
  }
}

/** The `Idempotency-Key` was reused for a different request (422), or its first use is still running (409). */
export class IdempotencyError extends OpencomError {
  override readonly name: string = 'IdempotencyError';
}

/** 429 `rate_limited` after the SDK's retries; `retryAfter` says how many seconds to wait. */
export class RateLimitError extends OpencomError {
  override readonly name: string = 'RateLimitError';
  /** Seconds to wait before retrying (`Retry-After`). */
  get retryAfter(): number | undefined {
    const header = this.headers?.get('retry-after');
    const seconds = header === null || header === undefined ? Number.NaN : Number(header);
    return Number.isFinite(seconds) ? seconds : this.problem?.retryAfter;
  }
}

/** 5xx after the SDK's retries: a failure on the server's side; quote `requestId` when reporting it. */
export class InternalServerError extends OpencomError {
  override readonly name: string = 'InternalServerError';
}

/** No response arrived (DNS, refused or reset connection) after the SDK's retries. */
export class ConnectionError extends OpencomError {
  override readonly name: string = 'ConnectionError';
}

/** No response arrived within `timeoutMs`, on every attempt. */
export class TimeoutError extends ConnectionError {
  override readonly name: string = 'TimeoutError';
}

/**
 * A claim session's lease ended without `release()` or `escalate()`: it expired before a renewal got
 * through, or the server refused a renewal or send (`claim_expired`, `claim_conflict`, ...). It is the
 * `reason` of the session's `lost` signal; `cause` is the error that revealed the loss, if any.
 */
export class ClaimLostError extends OpencomError {
  override readonly name: string = 'ClaimLostError';
}
