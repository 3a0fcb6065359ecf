import { describe, expect, it } from 'vitest';
import { errorFromResponse } from './error-from-response';
import {
  AuthenticationError,
  ClaimConflictError,
  ConflictError,
  IdempotencyError,
  InternalServerError,
  InvalidRequestError,
  NotFoundError,
  OpencomError,
  PermissionError,
  RateLimitError,
  ValidationError,
} from './errors';

function problem(status: number, code: string, extra: Record<string, unknown> = {}) {
  const body = {
    type: `https://docs.opencom.dev/errors/${code}`,
    title: 'Title',
    status,
    code,
    requestId: 'req_9',
    detail: `Detail of ${code}.`,
    ...extra,
  };
  return errorFromResponse(new Response(null, { status, headers: { 'retry-after': '7' } }), body);
}

describe('errorFromResponse', () => {
  it('picks the class by the problem code, not only the status', () => {
    expect(problem(409, 'claim_conflict')).toBeInstanceOf(ClaimConflictError);
    expect(problem(409, 'idempotency_in_progress')).toBeInstanceOf(IdempotencyError);
    expect(problem(422, 'idempotency_key_reused')).toBeInstanceOf(IdempotencyError);
    expect(problem(409, 'claim_expired')).toBeInstanceOf(ConflictError);
    expect(problem(409, 'claim_expired')).not.toBeInstanceOf(ClaimConflictError);
    expect(problem(401, 'credential_rotated')).toBeInstanceOf(AuthenticationError);
    expect(problem(403, 'insufficient_scope')).toBeInstanceOf(PermissionError);
    expect(problem(404, 'not_found')).toBeInstanceOf(NotFoundError);
    expect(problem(400, 'invalid_cursor')).toBeInstanceOf(InvalidRequestError);
    expect(problem(400, 'invalid_cursor')).not.toBeInstanceOf(ValidationError);
    expect(problem(503, 'service_unavailable')).toBeInstanceOf(InternalServerError);
  });

  it('falls back to the status for codes this version does not know', () => {
    expect(problem(409, 'brand_new_conflict')).toBeInstanceOf(ConflictError);
    expect(problem(418, 'teapot')).toBeInstanceOf(InvalidRequestError);
    expect(problem(429, 'slow_down')).toBeInstanceOf(RateLimitError);
  });

  it('carries status, code, request id, detail, problem and docs link', () => {
    const error = problem(409, 'claim_conflict', {
      holder: { actorName: 'other-bot', expiresAt: 1767225900000 },
    }) as ClaimConflictError;
    expect(error).toMatchObject({
      name: 'ClaimConflictError',
      status: 409,
      code: 'claim_conflict',
      requestId: 'req_9',
      detail: 'Detail of claim_conflict.',
      docUrl: 'https://docs.opencom.dev/errors/claim_conflict',
    });
    expect(error.holder).toEqual({ actorName: 'other-bot', expiresAt: 1767225900000 });
    expect(error.message).toBe('@opencom/sdk: 409 claim_conflict: Detail of claim_conflict. (request req_9)');
  });

  it('exposes validation pointers, the required scope and Retry-After', () => {
    const errors = [{ pointer: '/query/limit', message: 'must be <= 100' }];
    expect((problem(400, 'validation_failed', { errors }) as ValidationError).errors).toEqual(errors);
    expect(
      (problem(403, 'insufficient_scope', { requiredScope: 'claims.manage' }) as PermissionError)
        .requiredScope,
    ).toBe('claims.manage');
    expect((problem(429, 'rate_limited') as RateLimitError).retryAfter).toBe(7);
  });

  it('handles bodies that are not problems (a proxy page) by status', () => {
    const error = errorFromResponse(
      new Response(null, { status: 502, headers: { 'x-request-id': 'req_proxy' } }),
      '<html>Bad gateway</html>',
    );
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.code).toBeUndefined();
    expect(error.problem).toBeUndefined();
    expect(error.requestId).toBe('req_proxy');
    expect(error.message).toBe('@opencom/sdk: 502: <html>Bad gateway</html> (request req_proxy)');
  });

  it('never repeats an API key the server echoed', () => {
    const key = `osk_${'x'.repeat(48)}`;
    const error = problem(400, 'validation_failed', { detail: `Bad header Authorization: Bearer ${key}` });
    expect(error.message).not.toContain(key);
    expect(error.detail).not.toContain(key);
    expect(JSON.stringify(error)).not.toContain(key);
  });

  it('every error is an OpencomError and an Error', () => {
    const error = problem(500, 'internal_error');
    expect(error).toBeInstanceOf(OpencomError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InternalServerError');
  });
});
