import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/openapi';
import { VERSION } from '../internal/version';
import { type ClientOptions, type ResolvedConfig, resolveConfig } from './config';
import { createTransport, type Transport } from './transport';
import { createTypedClient, type TypedClient } from './typed-client';

/** The openapi-fetch client typed from the spec: calls return `{ data, error, response }`. */
export type RawClient = Client<paths>;

/** The rate-limit state of the most recent response (`RateLimit-*` headers). */
export interface RateLimitState {
  /** Requests allowed per window. */
  limit: number;
  /** Requests left in the current window. */
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

/** The clients, the transport under them, and what the transport observed. */
export interface ClientCore {
  raw: RawClient;
  client: TypedClient;
  transport: Transport;
  rateLimit(): RateLimitState | undefined;
}

/**
 * Builds the transport (retries, timeouts, idempotency keys) and the two clients that send through
 * it: openapi-fetch (`raw`) and the facade's lean client typed the same way.
 */
export function createClientCore(config: ResolvedConfig): ClientCore {
  let lastHeaders: Headers | undefined;
  const transport = createTransport({
    fetch: (input, init) => config.fetch(input, init),
    maxRetries: config.maxRetries,
    timeoutMs: config.timeoutMs,
    clock: config.clock,
    random: config.random,
    onResponse: (response) => {
      lastHeaders = response.headers;
    },
  });
  const sdkAgent = `opencom-sdk-js/${VERSION}`;
  const headers: Record<string, string> = {
    Authorization: `Bearer ${config.apiKey}`,
    Accept: 'application/json',
  };
  // Browsers own the User-Agent header, and sending one cross-origin would need the server's CORS
  // preflight to allow it; everywhere else (Node, Deno, Bun, workers) it names the SDK.
  if (!('document' in globalThis)) {
    headers['User-Agent'] = config.userAgent === undefined ? sdkAgent : `${config.userAgent} ${sdkAgent}`;
  }
  const raw = createClient<paths>({
    baseUrl: config.apiUrl,
    fetch: (request) => transport(request),
    headers,
    // The spec's query styles: arrays comma-separated (`types=a,b`), objects as deepObject
    // (`customAttributes[plan]=pro`); spec/contract.test.ts keeps every parameter to these two.
    querySerializer: {
      array: { style: 'form', explode: false },
      object: { style: 'deepObject', explode: true },
    },
  });
  const client = createTypedClient({ baseUrl: config.apiUrl, headers, transport });
  const rateLimit = (): RateLimitState | undefined => {
    const limit = lastHeaders?.get('ratelimit-limit');
    if (lastHeaders === undefined || limit === null || limit === undefined) return undefined;
    return {
      limit: Number(limit),
      remaining: Number(lastHeaders.get('ratelimit-remaining')),
      resetSeconds: Number(lastHeaders.get('ratelimit-reset')),
    };
  };
  return { raw, client, transport, rateLimit };
}

/**
 * Creates the low-level client typed from the spec, authenticated with the API key. HTTP errors come
 * back as data (`{ data, error, response }`); it sends through the same transport as the `Opencom`
 * facade, so it also retries with idempotency keys and times out. `new Opencom().raw` is the same client.
 *
 * @example
 * const raw = createRawClient({ apiKey: process.env.OPENCOM_API_KEY });
 * const { data, error } = await raw.GET('/conversations/{conversationId}', {
 *   params: { path: { conversationId: 'conv_8x2kq4m1' } },
 * });
 */
export function createRawClient(options: ClientOptions = {}): RawClient {
  return createClientCore(resolveConfig(options)).raw;
}
