import { type HttpHandler, http } from 'msw';
import type { MockServer } from '../server';

export interface CreateHandlersOptions {
  /**
   * Only intercept requests under this URL (for example `http://127.0.0.1:4010`): every request
   * under it goes to the server. By default, any origin's `/api/v1/*` and `/__control/*` do.
   */
  baseUrl?: string;
}

/**
 * msw request handlers that answer from the reference server, in-process: no port, no network. The
 * engine does all the work; these handlers only pass the request through and return its response.
 *
 * @example
 * import { setupServer } from 'msw/node';
 * import { createMockServer } from '@opencom/mock-server';
 * import { createHandlers } from '@opencom/mock-server/msw';
 *
 * const server = createMockServer();
 * const msw = setupServer(...createHandlers(server));
 * beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
 * afterAll(() => msw.close());
 * @see https://mswjs.io/docs/api/setup-server
 */
export function createHandlers(
  server: Pick<MockServer, 'handle'>,
  options: CreateHandlersOptions = {},
): HttpHandler[] {
  const base = options.baseUrl?.replace(/\/+$/, '');
  const paths = base === undefined ? ['*/api/v1/*', '*/__control/*'] : [`${base}/*`];
  return paths.map((path) => http.all(path, ({ request }) => server.handle(request)));
}
