/** What a route returns; the pipeline adds request-id, rate-limit and content-type headers. */
export interface RouteResult {
  status: number;
  /** A JSON value, or a {@link JsonText} already serialized. */
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A body already serialized to JSON, sent as is: a page assembled from rows' cached JSON costs a
 * string join instead of building and stringifying every record again.
 */
export class JsonText {
  constructor(readonly text: string) {}
}

export const ok = (body: unknown, headers?: Record<string, string>): RouteResult => ({
  status: 200,
  body,
  ...(headers ? { headers } : {}),
});

export const created = (body: unknown, location?: string): RouteResult => ({
  status: 201,
  body,
  ...(location ? { headers: { Location: location } } : {}),
});

export const noContent = (): RouteResult => ({ status: 204 });
