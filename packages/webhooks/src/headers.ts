/**
 * Request headers as any runtime hands them over: a WHATWG `Headers` (Fetch, Next.js, Hono, Workers,
 * Deno, Bun), Node's `req.headers`, or a plain object with names in any case and string or array values.
 *
 * @example
 * ```ts
 * const fromFetch: WebhookHeaders = request.headers;
 * const fromNode: WebhookHeaders = req.headers;
 * const literal: WebhookHeaders = { 'Webhook-Id': 'evt_1', 'webhook-timestamp': ['1700000000'] };
 * ```
 */
export type WebhookHeaders =
  | { get(name: string): string | null }
  | { readonly [name: string]: string | readonly string[] | undefined | null };

interface HeaderGetter {
  get(name: string): string | null;
}

/**
 * Reads one header by its lower-case `name`, in any case, from any {@link WebhookHeaders} shape.
 * Repeated values (array values, or several `Headers` entries) are returned as a list.
 * Returns `undefined` when the header is absent.
 */
export function readHeader(headers: WebhookHeaders, name: string): string | readonly string[] | undefined {
  if (typeof (headers as HeaderGetter).get === 'function') {
    return (headers as HeaderGetter).get(name) ?? undefined;
  }
  const record = headers as { readonly [name: string]: string | readonly string[] | undefined | null };
  // Node and most frameworks already lower-case names, so the direct lookup is the common path.
  const direct = record[name];
  if (direct !== undefined && direct !== null) return direct;
  for (const key in record) {
    if (key.length === name.length && key.toLowerCase() === name) {
      const value = record[key];
      if (value !== undefined && value !== null) return value;
    }
  }
  return undefined;
}

/**
 * Reads a header that must have a single value. A list with one element counts as that element; a
 * list with several different values is ambiguous and yields `null` (the caller reports `malformed`).
 */
export function readSingleHeader(headers: WebhookHeaders, name: string): string | undefined | null {
  const value = readHeader(headers, name);
  if (value === undefined || typeof value === 'string') return value;
  const [first, ...rest] = value;
  if (first === undefined) return undefined;
  return rest.every((other) => other === first) ? first : null;
}

/** Reads a header whose repeated values may be concatenated (signature lists), joined with a space. */
export function readListHeader(headers: WebhookHeaders, name: string): string | undefined {
  const value = readHeader(headers, name);
  if (value === undefined || typeof value === 'string') return value;
  return value.length === 0 ? undefined : value.join(' ');
}
