import type { components } from '../../generated/openapi';

export type ErrorCode = components['schemas']['ErrorCode'];
export type FieldError = components['schemas']['FieldError'];
export type Problem = components['schemas']['Problem'];

/** Extra members a problem may carry (`errors`, `holder`, `retryAfter`, `requiredScope`). */
type ProblemExtras = Partial<Pick<Problem, 'errors' | 'holder' | 'retryAfter' | 'requiredScope'>>;

/**
 * A client-visible error. Handlers throw it; the pipeline renders it as application/problem+json
 * with the request ID, so every failure has the same shape and a stable `code`.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly title: string,
    readonly detail?: string,
    readonly extras: ProblemExtras = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }

  toJSON(requestId: string, instance: string): Problem {
    return {
      type: `https://docs.opencom.dev/errors/${this.code}`,
      title: this.title,
      status: this.status,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      instance,
      code: this.code,
      requestId,
      ...this.extras,
    };
  }
}

/** The problems every route needs, with consistent wording. */
export const problems = {
  notFound: (resource: string, id: string) =>
    new ApiProblem(404, 'not_found', 'Not found', `No ${resource} ${id} in this workspace.`),
  routeNotFound: (path: string) => new ApiProblem(404, 'not_found', 'Not found', `No route for ${path}.`),
  methodNotAllowed: (method: string, path: string, allowed: string[]) =>
    new ApiProblem(
      405,
      'method_not_allowed',
      'Method not allowed',
      `${method} is not allowed on ${path}.`,
      {},
      {
        Allow: allowed.join(', '),
      },
    ),
  validation: (errors: FieldError[]) =>
    new ApiProblem(
      400,
      'validation_failed',
      'Request validation failed',
      errors.map((e) => `${e.pointer} ${e.message}`).join('; '),
      { errors },
    ),
  invalidField: (pointer: string, message: string) => problems.validation([{ pointer, message }]),
  conflict: (detail: string) => new ApiProblem(409, 'conflict', 'Conflict', detail),
  invalidTransition: (detail: string) =>
    new ApiProblem(409, 'invalid_transition', 'Invalid state transition', detail),
} as const;
