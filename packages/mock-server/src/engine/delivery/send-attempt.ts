import type { components } from '../../generated/openapi';

type AttemptError = components['schemas']['WebhookAttemptError'];

/** What one POST to a receiver came back with; the worker turns it into a WebhookAttempt. */
export interface AttemptResponse {
  httpStatus: number | null;
  error: AttemptError | null;
  responseBodyExcerpt: string | null;
  retryAfterSeconds: number | null;
  durationMs: number;
}

export interface AttemptRequest {
  fetch: typeof fetch;
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** The engine clock, to read an HTTP-date `Retry-After` when the response carries no `Date`. */
  now: number;
}

/** The spec keeps the first 1 KiB of a response; the rest is read (up to a bound) and dropped. */
const EXCERPT_BYTES = 1024;
const MAX_READ_BYTES = 64 * 1024;

/**
 * POSTs one signed delivery. Never throws: a transport failure is an `error`. Redirects are not
 * followed (`redirect: 'manual'`: a 3xx is `redirect_not_followed`), and the whole exchange, body
 * included, must finish within `timeoutMs` (spec: WebhookAttemptError).
 */
export async function sendAttempt(request: AttemptRequest): Promise<AttemptResponse> {
  const started = performance.now();
  const elapsed = () => Math.max(0, Math.round(performance.now() - started));
  let httpStatus: number | null = null;
  let retryAfterSeconds: number | null = null;
  // A plain timer rather than AbortSignal.timeout: it is cleared as soon as the attempt ends, so
  // thousands of quick deliveries do not leave thousands of 10 s timers behind.
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The receiver did not answer in time', 'TimeoutError')),
    request.timeoutMs,
  );
  // Like AbortSignal.timeout: a pending attempt alone does not keep the process alive.
  timer.unref?.();
  try {
    const response = await request.fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: controller.signal,
    });
    httpStatus = response.status;
    retryAfterSeconds = parseRetryAfter(response.headers, request.now);
    const responseBodyExcerpt = await readExcerpt(response);
    const redirected = response.status >= 300 && response.status < 400;
    return {
      httpStatus,
      error: redirected ? 'redirect_not_followed' : null,
      responseBodyExcerpt,
      retryAfterSeconds,
      durationMs: elapsed(),
    };
  } catch (error) {
    return {
      httpStatus,
      error: classify(error),
      responseBodyExcerpt: null,
      retryAfterSeconds,
      durationMs: elapsed(),
    };
  } finally {
    clearTimeout(timer);
  }
}

async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size < EXCERPT_BYTES) chunks.push(value);
    size += value.byteLength;
    if (size > MAX_READ_BYTES) {
      // A receiver streaming megabytes gets no more of our time; the excerpt is already complete.
      await reader.cancel();
      break;
    }
  }
  if (size === 0) return null;
  const bytes = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES);
  // A multi-byte character cut at 1 KiB decodes as U+FFFD, which keeps the excerpt within 1024 chars.
  return new TextDecoder().decode(bytes);
}

/** `Retry-After` as seconds: delta-seconds, or an HTTP date relative to the response's `Date`. */
function parseRetryAfter(headers: Headers, now: number): number | null {
  const value = headers.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  const date = Date.parse(headers.get('date') ?? '');
  const reference = Number.isNaN(date) ? now : date;
  return Math.max(0, Math.ceil((at - reference) / 1000));
}

const CODES: Record<string, AttemptError> = {
  ECONNREFUSED: 'connection_refused',
  ECONNRESET: 'connection_reset',
  EPIPE: 'connection_reset',
  UND_ERR_SOCKET: 'connection_reset',
  UND_ERR_CLOSED: 'connection_reset',
  ENOTFOUND: 'dns_error',
  EAI_AGAIN: 'dns_error',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
};

/** Maps what fetch threw (undici puts the system error in `cause`) to the spec's error codes. */
function classify(error: unknown): AttemptError {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return 'timeout';
  }
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  // Several addresses (::1 and 127.0.0.1 for localhost) fail together as an AggregateError.
  const code = codeOf(cause) ?? (cause instanceof AggregateError ? codeOf(cause.errors[0]) : undefined);
  if (code === undefined) return 'network_error';
  const known = CODES[code];
  if (known) return known;
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/.test(code)) return 'tls_error';
  return 'network_error';
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
