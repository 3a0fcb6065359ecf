import {
  AuthenticationError,
  ClaimConflictError,
  ConflictError,
  type ErrorCode,
  IdempotencyError,
  InternalServerError,
  InvalidRequestError,
  NotFoundError,
  OpencomError,
  PermissionError,
  type Problem,
  RateLimitError,
  ValidationError,
} from './errors';

type ErrorClass = new (
  message: string,
  options: ConstructorParameters<typeof OpencomError>[1],
) => OpencomError;

// Keyed by every code of the spec's ErrorCode enum: a code added to the spec fails the typecheck here
// until it is given a family.
const BY_CODE: Record<ErrorCode, ErrorClass> = {
  unauthenticated: AuthenticationError,
  credential_rotated: AuthenticationError,
  credential_disabled: PermissionError,
  credential_expired: PermissionError,
  insufficient_scope: PermissionError,
  not_found: NotFoundError,
  method_not_allowed: InvalidRequestError,
  validation_failed: ValidationError,
  malformed_request: InvalidRequestError,
  invalid_cursor: InvalidRequestError,
  payload_too_large: InvalidRequestError,
  unsupported_media_type: InvalidRequestError,
  claim_conflict: ClaimConflictError,
  claim_required: ConflictError,
  claim_expired: ConflictError,
  conversation_not_open: ConflictError,
  invalid_transition: ConflictError,
  conflict: ConflictError,
  idempotency_in_progress: IdempotencyError,
  idempotency_key_reused: IdempotencyError,
  rate_limited: RateLimitError,
  request_timeout: OpencomError,
  internal_error: InternalServerError,
  service_unavailable: InternalServerError,
};

/** For codes this version does not know (a newer server) and for bodies that are not problems. */
function byStatus(status: number): ErrorClass {
  if (status === 401) return AuthenticationError;
  if (status === 403) return PermissionError;
  if (status === 404) return NotFoundError;
  if (status === 409) return ConflictError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return InternalServerError;
  if (status >= 400 && status !== 408) return InvalidRequestError;
  return OpencomError;
}

function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return typeof candidate.code === 'string' && typeof candidate.status === 'number';
}

/**
 * The error for a non-2xx response: the class comes from the problem's `code` (a 409 may be a
 * claim conflict, an idempotency race or a state conflict), and only from the status when the body is
 * not a problem or the code is new.
 */
export function errorFromResponse(response: Response, body: unknown): OpencomError {
  const problem = isProblem(body) ? body : undefined;
  const code = problem?.code;
  const requestId = problem?.requestId ?? response.headers.get('x-request-id') ?? undefined;
  const detail =
    problem?.detail ??
    problem?.title ??
    (typeof body === 'string' && body.trim() !== '' ? body.trim().slice(0, 300) : undefined);
  const known: Partial<Record<string, ErrorClass>> = BY_CODE;
  const Class = (code === undefined ? undefined : known[code]) ?? byStatus(response.status);
  const summary = [`${response.status}`, code, detail === undefined ? undefined : `: ${detail}`]
    .filter((part) => part !== undefined)
    .join(' ')
    .replace(' :', ':');
  const suffix = requestId === undefined ? '' : ` (request ${requestId})`;
  return new Class(`${summary}${suffix}`, {
    status: response.status,
    code: code ?? undefined,
    requestId,
    detail,
    problem,
    headers: response.headers,
  });
}
