import { onAbort } from '../internal/abort';
import { fullJitter, parseRetryAfter } from '../internal/backoff';
import { Deadlines } from '../internal/deadlines';
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
const noop = (): void => undefined;

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
 * Wraps a fetch with the retry loop. openapi-fetch middleware cannot send a request twice, so retries
 * live here, below openapi-fetch: the raw client and the facade share them.
 *
 * - Every mutation gets an `Idempotency-Key` (the caller's, or a generated one) that is the same on
 *   every attempt, so a retried write is applied at most once.
 * - Retried: network errors, timeouts, 408, 409 `idempotency_in_progress`, 429 and 5xx (not 501/505),
 *   up to `maxRetries` times, waiting `Retry-After` when the server sends one and otherwise an
 *   exponential backoff with full jitter.
 * - Each attempt has its own `timeoutMs`; the caller's signal cancels the call and its waits.
 */
export function createTransport(settings: TransportSettings): Transport {
  const { clock } = settings;
  const deadlines = new Deadlines(clock);
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
    init: RequestInit = {},
    options: SendOptions = {},
  ): Promise<Response> {
    const maxRetries = options.maxRetries ?? settings.maxRetries;
    const timeoutMs = options.timeoutMs ?? settings.timeoutMs;
    const request = typeof input === 'string' ? undefined : input;
    const method = (request?.method ?? init.method ?? 'GET').toUpperCase();
    const url = request?.url ?? String(input);
    const caller =
      options.signal === null ? undefined : (options.signal ?? init.signal ?? request?.signal ?? undefined);
    // What every attempt sends (fetch makes its one copy of a Request with these overrides): for a
    // mutation the idempotency key, and a Request's body buffered once so every attempt sends the same
    // bytes. Each attempt adds its own signal.
    const base: RequestInit = { ...init };
    if (MUTATING_METHODS.has(method)) {
      const headers = new Headers(request?.headers ?? init.headers);
      headers.set(
        'Idempotency-Key',
        options.idempotencyKey ?? headers.get('idempotency-key') ?? createIdempotencyKey(),
      );
      base.headers = headers;
    }
    if (request !== undefined && request.body !== null) base.body = await request.arrayBuffer();
    const what = () => `${method} ${new URL(url).pathname}`;

    for (let retry = 0; ; retry++) {
      caller?.throwIfAborted();
      // Nothing can cancel an attempt without a timeout or a caller's signal: then it needs no signal
      // of its own (fetch implementations spend real time following one).
      const cancellable = Number.isFinite(timeoutMs) || caller !== undefined;
      const controller = cancellable ? new AbortController() : undefined;
      // Fails the attempt even when the fetch ignores its signal (an in-process server, a stub).
      let fail: (reason: unknown) => void = noop;
      const failed = new Promise<never>((_, reject) => {
        fail = reject;
      });
      const abort = (reason: unknown) => {
        controller?.abort(reason);
        fail(reason);
      };
      const stopTimer = Number.isFinite(timeoutMs)
        ? deadlines.add(timeoutMs, () => abort(new TimeoutError(`${what()} timed out after ${timeoutMs} ms`)))
        : noop;
      const unlink = caller === undefined ? noop : onAbort(caller, () => abort(caller.reason));
      let response: Response;
      try {
        response =
          controller === undefined
            ? await settings.fetch(input, base)
            : await Promise.race([settings.fetch(input, { ...base, signal: controller.signal }), failed]);
      } catch (error) {
        if (caller?.aborted) throw caller.reason;
        const attempts = retry + 1;
        const failure =
          error instanceof TimeoutError
            ? error
            : new ConnectionError(
                `${what()} failed without a response${attempts > 1 ? ` (${attempts} attempts)` : ''}: ${
                  error instanceof Error ? error.message : String(error)
                }`,
                { cause: redactCause(error) },
              );
        if (retry >= maxRetries) throw failure;
        await sleep(clock, fullJitter(retry, settings.random), caller);
        continue;
      } finally {
        stopTimer();
        unlink();
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
