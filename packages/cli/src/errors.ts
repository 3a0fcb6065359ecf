/**
 * Exit codes scripts can rely on (the same as gh where they overlap):
 * 0 success, 1 failure, 2 usage error or cancelled, 4 authentication needed.
 */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  auth: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A mistake in how the command was called; printed as one line with a hint, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The API answered with a problem; printed with its code and request ID. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly requestId: string | undefined,
    message: string,
  ) {
    super(message);
  }

  /** From an openapi-fetch `error` value and its response. */
  static from(problem: unknown, response: Response): ApiError {
    const p = (problem ?? {}) as { code?: string; title?: string; detail?: string; requestId?: string };
    const message = [p.title, p.detail].filter(Boolean).join(': ') || `HTTP ${response.status}`;
    return new ApiError(
      response.status,
      p.code ?? `http_${response.status}`,
      p.requestId ?? response.headers.get('x-request-id') ?? undefined,
      message,
    );
  }

  get exitCode(): ExitCode {
    return this.status === 401 ? ExitCode.auth : ExitCode.failure;
  }
}
