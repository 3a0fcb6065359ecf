import { readEnv } from '../internal/env';
import { type Clock, systemClock } from './clock';
import { OpencomError } from './errors';

/** Where the reference server listens by default (`opencom mock`). */
export const DEFAULT_BASE_URL = 'http://127.0.0.1:4010';
/** Milliseconds each attempt may take before it is retried or fails with a TimeoutError. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Retries after the first attempt. */
export const DEFAULT_MAX_RETRIES = 2;

/** Options accepted by every client constructor. */
export interface ClientOptions {
  /** `osk_…` API key. Defaults to `OPENCOM_API_KEY`. */
  apiKey?: string | undefined;
  /** Origin of the Opencom deployment (with or without `/api/v1`). Defaults to `OPENCOM_BASE_URL`. */
  baseUrl?: string | undefined;
  /**
   * The fetch to use. By default `globalThis.fetch` is looked up on every call, so a client created
   * before msw's `server.listen()` is still intercepted.
   */
  fetch?: typeof fetch | undefined;
  /** Per-attempt timeout in milliseconds (default 60 000). */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt (default 2; 0 turns retries off). */
  maxRetries?: number | undefined;
  /**
   * Your application's name and version, sent before the SDK's own in `User-Agent` (browsers set that
   * header themselves).
   */
  userAgent?: string | undefined;
  /** Time for backoff, timeouts, polling and claim renewals (default {@link systemClock}). */
  clock?: Clock | undefined;
  /** Randomness for backoff jitter, a number in [0, 1) (default `Math.random`). */
  random?: (() => number) | undefined;
}

/** Options after defaults and validation. */
export interface ResolvedConfig {
  apiKey: string;
  /** Always ends in `/api/v1`, never with a trailing slash. */
  apiUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  maxRetries: number;
  userAgent: string | undefined;
  clock: Clock;
  random: () => number;
}

/** Thrown before any request when the client cannot be configured. */
export class OpencomConfigError extends OpencomError {
  override readonly name: string = 'OpencomConfigError';
}

const API_KEY = /^osk_[A-Za-z0-9]{48}$/;

function count(name: string, value: number | undefined, fallback: number, allowInfinity = false): number {
  if (value === undefined) return fallback;
  const valid =
    value >= 0 && (Number.isInteger(value) || (allowInfinity && value === Number.POSITIVE_INFINITY));
  if (!valid)
    throw new OpencomConfigError(`@opencom/sdk: ${name} must be a non-negative integer, got ${value}.`);
  return value;
}

/** Applies defaults (environment variables) and checks the options a client was given. */
export function resolveConfig(options: ClientOptions = {}): ResolvedConfig {
  const apiKey = options.apiKey ?? readEnv('OPENCOM_API_KEY');
  if (apiKey === undefined) {
    throw new OpencomConfigError(
      '@opencom/sdk: no API key. Pass `apiKey` or set OPENCOM_API_KEY (create one with `opencom login`).',
    );
  }
  if (!API_KEY.test(apiKey)) {
    // Never echo the key itself: it may be a real secret pasted into the wrong place.
    throw new OpencomConfigError(
      '@opencom/sdk: the API key must look like osk_ followed by 48 letters and digits.',
    );
  }
  const origin = (options.baseUrl ?? readEnv('OPENCOM_BASE_URL') ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new OpencomConfigError(`@opencom/sdk: baseUrl is not a URL: ${JSON.stringify(origin)}`);
  }
  const apiUrl = url.pathname.endsWith('/api/v1') ? origin : `${origin}/api/v1`;
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return {
    apiKey,
    apiUrl,
    fetch: fetchImpl,
    timeoutMs: count('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS, true),
    maxRetries: count('maxRetries', options.maxRetries, DEFAULT_MAX_RETRIES),
    userAgent: options.userAgent,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
  };
}
