import { type AttemptLimits, AttemptSender, describeRequest } from '../internal/attempt';
import { fullJitter, parseRetryAfter } from '../internal/backoff';
import { redactCause } from '../internal/redact';
import { sleep } from '../internal/sleep';
import type { Clock } from './clock';
import { ConnectionError, TimeoutError } from './errors';
import { createIdempotencyKey, MUTATING_METHODS } from './idempotency';
import type { RequestOptions } from './request-options';

/** What the retry loop needs; `Opencom` fills it from its options. */
export interface TransportSettings {
  fetch: (input: Request | string, init: RequestInit) => Promise<Response>;
  maxRetries: number;
  timeoutMs: number;
  clock: Clock;
  /** A number in [0, 1), for backoff jitter. */
  random: () => number;
  /** A `Retry-After` longer than this is not waited for: the call fails with the server's answer. */
  maxRetryAfterMs?: number | undefined;
  /** Sees every response (the client keeps the last one's rate-limit headers). */
  onResponse?: ((response: Response) => void) | undefined;
}

/** The per-call part of {@link RequestOptions} the transport handles. */
export interface SendOptions extends Pick<RequestOptions, 'timeoutMs' | 'maxRetries' | 'idempotencyKey'> {
  /** The caller's signal: by default the request's own; `null` when the call has none. */
  signal?: AbortSignal | null | undefined;
}

/**
 * A fetch with the SDK's retries, timeouts and idempotency keys. It takes a URL and init (the facade's
 * calls, which build no Request at all) or a Request (openapi-fetch's, for the raw client).
 */
export type Transport = (
  input: Request | string,
  init?: RequestInit,
  options?: SendOptions,
) => Promise<Response>;

const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;
const NO_INIT: RequestInit = {};
const NO_OPTIONS: SendOptions = {};

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** A 409 is retried only for `idempotency_in_progress`: the first request with this key is still running. */
async function inProgressRetryAfter(response: Response): Promise<number | false | undefined> {
  try {
    const problem = (await response.clone().json()) as { code?: unknown; retryAfter?: unknown };
    if (problem.code !== 'idempotency_in_progress') return false;
    return typeof problem.retryAfter === 'number' ? problem.retryAfter * 1000 : undefined;
  } catch {
    return false;
  }
}

/**
 * A mutation's headers with its `Idempotency-Key`: the option's, else one already among the headers
 * (any case), else a new one. The facade's plain-object headers stay a plain object (cheaper for
 * fetch than a Headers); anything else goes through Headers.
 */
function keyed(headers: RequestInit['headers'], key: string | undefined): Headers | Record<string, string> {
  if (headers === undefined || headers instanceof Headers || Array.isArray(headers)) {
    const all = new Headers(headers);
    all.set('Idempotency-Key', key ?? all.get('idempotency-key') ?? createIdempotencyKey());
    return all;
  }
  const all: Record<string, string> = {};
  let given = key;
  for (const [name, value] of Object.entries(headers as Record<string, string>)) {
    if (name.toLowerCase() !== 'idempotency-key') all[name] = value;
    else given ??= value;
  }
  all['Idempotency-Key'] = given ?? createIdempotencyKey();
  return all;
}

/**
 * Wraps a fetch with the retry loop. openapi-fetch middleware cannot send a request twice, so retries
 * live here, below openapi-fetch: the raw client and the facade share them.
 *
 * - Every mutation gets an `Idempotency-Key` (the caller's, or a generated one) that is the same on
 *   every attempt, so a retried write is applied at most once.
 * - Retried: network errors, timeouts, 408, 409 `idempotency_in_progress`, 429 and 5xx (not 501/505),
 *   up to `maxRetries` times, waiting `Retry-After` when the server sends one and otherwise an
 *   exponential backoff with full jitter.
 * - Each attempt has its own `timeoutMs` (see internal/attempt.ts); the caller's signal cancels the
 *   call and its waits.
 */
export function createTransport(settings: TransportSettings): Transport {
  const { clock } = settings;
  const sender = new AttemptSender(settings.fetch, clock);
  const maxRetryAfterMs = settings.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;

  async function retryDelay(response: Response, retry: number): Promise<number | undefined> {
    let hinted = parseRetryAfter(response.headers.get('retry-after'), clock.now());
    if (response.status === 409) {
      const fromProblem = await inProgressRetryAfter(response);
      if (fromProblem === false) return undefined;
      hinted ??= fromProblem;
    } else if (!isRetryableStatus(response.status)) {
      return undefined;
    }
    if (hinted === undefined) return fullJitter(retry, settings.random);
    return hinted <= maxRetryAfterMs ? hinted : undefined;
  }

  return async function send(
    input: Request | string,
    init: RequestInit = NO_INIT,
    options: SendOptions = NO_OPTIONS,
  ): Promise<Response> {
    const maxRetries = options.maxRetries ?? settings.maxRetries;
    const request = typeof input === 'string' ? undefined : input;
    const method = (request?.method ?? init.method ?? 'GET').toUpperCase();
    const own = init.signal ?? request?.signal ?? undefined;
    const caller = options.signal === null ? undefined : (options.signal ?? own);
    // What every attempt sends (fetch makes its one copy of a Request with these overrides): for a
    // mutation the idempotency key, a Request's body buffered once so every attempt sends the same
    // bytes, and the caller's signal, which fetch follows itself.
    let base = init;
    if (MUTATING_METHODS.has(method)) {
      base = { ...base, headers: keyed(request?.headers ?? init.headers, options.idempotencyKey) };
    }
    if (request !== undefined && request.body !== null) base = { ...base, body: await request.arrayBuffer() };
    if (caller !== undefined && caller !== own) base = { ...base, signal: caller };
    const limits: AttemptLimits = {
      timeoutMs: options.timeoutMs ?? settings.timeoutMs,
      caller,
      method,
      url: request?.url ?? String(input),
    };

    for (let retry = 0; ; retry++) {
      caller?.throwIfAborted();
      let response: Response;
      try {
        response = await sender.send(input, base, limits);
      } catch (error) {
        if (caller?.aborted) throw caller.reason;
        const attempts = retry + 1;
        const failure =
          error instanceof TimeoutError
            ? error
            : new ConnectionError(
                `${describeRequest(method, limits.url)} failed without a response${
                  attempts > 1 ? ` (${attempts} attempts)` : ''
                }: ${error instanceof Error ? error.message : String(error)}`,
                { cause: redactCause(error) },
              );
        if (retry >= maxRetries) throw failure;
        await sleep(clock, fullJitter(retry, settings.random), caller);
        continue;
      }
      settings.onResponse?.(response);
      if (retry >= maxRetries || response.ok) return response;
      const delay = await retryDelay(response, retry);
      if (delay === undefined) return response;
      await response.body?.cancel();
      await sleep(clock, delay, caller);
    }
  };
}
