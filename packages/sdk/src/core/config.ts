import { readEnv } from '../internal/env';

/** Where the reference server listens by default (`opencom mock`). */
export const DEFAULT_BASE_URL = 'http://127.0.0.1:4010';

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
}

/** Options after defaults and validation. */
export interface ResolvedConfig {
  apiKey: string;
  /** Always ends in `/api/v1`, never with a trailing slash. */
  apiUrl: string;
  fetch: typeof fetch;
}

/** Thrown before any request when the client cannot be configured. */
export class OpencomConfigError extends Error {
  override readonly name = 'OpencomConfigError';
}

const API_KEY = /^osk_[A-Za-z0-9]{48}$/;

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
  return { apiKey, apiUrl, fetch: fetchImpl };
}
