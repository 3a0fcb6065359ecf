/** What a route returns; the pipeline adds request-id, rate-limit and content-type headers. */
export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
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
