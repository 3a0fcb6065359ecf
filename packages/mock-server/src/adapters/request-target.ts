import type { RequestUrl } from '../engine/engine';

/**
 * A request target that WHATWG URL parsing leaves exactly as it is: a path of characters it never
 * rewrites (no `.` that could form a dot segment, no `%` escape, no `\`), and a query without the
 * characters it percent-encodes (controls, space, `"`, `#`, `'`, `<`, `>`, non-ASCII).
 */
const PLAIN_TARGET = /^(\/[A-Za-z0-9_~!$&'()*+,;=:@/-]*)(?:\?([!$%&(-;=?-~]*))?$/;

/**
 * The URL parts of a node:http request target, as `new URL(target, origin)` would give them. The
 * common plain target (`/api/v1/conversations?limit=20`) skips the URL parser, which costs more than
 * the rest of reading the request; anything else goes through it.
 */
export function parseTarget(target: string, origin: string): RequestUrl {
  const plain = PLAIN_TARGET.exec(target);
  if (plain === null) {
    // An origin-form target is a path even when it starts with `//`: appended, never a base-relative URL.
    if (target.startsWith('/')) return new URL(origin + target);
    try {
      return new URL(target, origin);
    } catch {
      // node accepts targets URL cannot parse (`http://[`): handed on as they are, a pathname that is
      // not a path, so the engine answers 400 instead of the connection dying without an answer.
      return { pathname: target, search: '', searchParams: new URLSearchParams() };
    }
  }
  const [, pathname = '/', query = ''] = plain;
  let searchParams: URLSearchParams | undefined;
  return {
    pathname,
    search: query === '' ? '' : `?${query}`,
    get searchParams() {
      searchParams ??= new URLSearchParams(query);
      return searchParams;
    },
  };
}
