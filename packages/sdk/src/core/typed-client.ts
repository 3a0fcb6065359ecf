import { createFinalURL, createQuerySerializer, defaultPathSerializer } from 'openapi-fetch';
import type { RawClient } from './raw-client';
import type { Transport } from './transport';

/** The methods of the spec-typed client that the generated resources call. */
export type TypedClient = Pick<RawClient, 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'>;

/** What the generated resources pass to each call (the typed params and body, plus the per-call fetch). */
interface CallInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
  headers?: Record<string, string>;
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

/** openapi-fetch's result shape. */
type Result = { data?: unknown; error?: unknown; response: Response };

/** A path whose parameters are all `simple` style, compiled; `general` for the others. */
type PathTemplate = ((values: Record<string, unknown> | undefined) => string) | 'general';

/**
 * `/conversations/{conversationId}` → a function that fills it as openapi-fetch's default path
 * serializer does for `simple` parameters (encodeURIComponent; a missing value leaves `{name}`), without
 * its per-call regular expression. Other styles (`{.x}`, `{;x}`, `{x*}`) go through openapi-fetch.
 */
function compilePath(baseUrl: string, path: string): PathTemplate {
  const parts = path.split(/\{([^{}]+)\}/);
  if (parts.some((part, i) => i % 2 === 1 && /^[.;]|\*$/.test(part))) return 'general';
  return (values) => {
    let url = baseUrl;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      if (i % 2 === 0) {
        url += part;
        continue;
      }
      const value = values?.[part];
      url += value === undefined || value === null ? `{${part}}` : encodeURIComponent(String(value));
    }
    return url;
  };
}

/**
 * The facade's client: openapi-fetch's types (so every generated call is checked against the spec's
 * `paths`) over a lean runtime that builds the URL with openapi-fetch's own serializers and hands the
 * transport a URL and an init: no Request objects, no middleware. openapi-fetch itself builds a
 * Request that fetch then copies, which costs about as much as the whole facade may add to a call
 * (bench/sdk-overhead.ts); `opencom.raw` is still the real openapi-fetch client.
 */
export function createTypedClient(options: {
  baseUrl: string;
  headers: Record<string, string>;
  transport: Transport;
}): TypedClient {
  const querySerializer = createQuerySerializer({
    array: { style: 'form', explode: false },
    object: { style: 'deepObject', explode: true },
  });
  const { baseUrl, transport } = options;
  const jsonHeaders = { ...options.headers, 'Content-Type': 'application/json' };
  const templates = new Map<string, PathTemplate>();

  function urlOf(path: string, params: NonNullable<CallInit['params']>): string {
    let template = templates.get(path);
    if (template === undefined) {
      template = compilePath(baseUrl, path);
      templates.set(path, template);
    }
    const query = params.query;
    if (template === 'general' || (query !== undefined && Object.keys(query).length > 0)) {
      return createFinalURL(path, {
        baseUrl,
        params,
        querySerializer,
        pathSerializer: defaultPathSerializer,
      });
    }
    return template(params.path);
  }

  async function call(method: string, path: string, init: CallInit = {}): Promise<Result> {
    const url = urlOf(path, init.params ?? {});
    const requestInit: RequestInit = { method, headers: options.headers };
    if (init.body !== undefined) {
      requestInit.body = JSON.stringify(init.body);
      requestInit.headers = jsonHeaders;
    }
    if (init.headers !== undefined) requestInit.headers = { ...requestInit.headers, ...init.headers };
    const response = await (init.fetch ?? transport)(url, requestInit);
    // As openapi-fetch parses: no content → undefined; JSON otherwise; an error body that is not JSON
    // stays text.
    const length = response.headers.get('content-length');
    if (response.ok && length !== null && length !== '0' && response.status !== 204) {
      return { data: await response.json(), response };
    }
    const text = response.status === 204 ? '' : await response.text();
    if (response.ok) return { data: text === '' ? undefined : JSON.parse(text), response };
    let error: unknown = text === '' ? undefined : text;
    try {
      error = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { error, response };
  }

  const method =
    (name: string) =>
    (path: string, init?: CallInit): Promise<Result> =>
      call(name, path, init);
  const client = {
    GET: method('GET'),
    POST: method('POST'),
    PUT: method('PUT'),
    PATCH: method('PATCH'),
    DELETE: method('DELETE'),
  };
  // The runtime above accepts every call openapi-fetch's types allow; the cast gives it those types.
  return client as unknown as TypedClient;
}
