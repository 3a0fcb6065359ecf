import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './generated/control';

/** The control API's paths (`spec/control.yaml`), as openapi-typescript generated them. */
export type ControlPaths = paths;
/** openapi-fetch typed by the control API: `GET`, `POST`, ... return `{ data, error, response }`. */
export type ControlClient = Client<ControlPaths>;

export interface ControlClientOptions {
  /**
   * Origin of a reference server started over HTTP, e.g. `http://127.0.0.1:4010` (the control API's
   * paths start with `/__control/`). Not needed with `server`.
   */
  baseUrl?: string;
  /** An in-process server: requests go straight to its `handle()`, with no port and no msw. */
  server?: { handle(request: Request): Promise<Response> };
  /** Used instead of the global fetch (e.g. to go through msw). */
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * A typed client for the control API, to drive a reference server from tests and scripts: seed and
 * reset, issue keys, move the clock, simulate visitors, agents and the built-in AI, read the audit log,
 * inject faults.
 *
 * @example
 * const control = createControlClient({ server });            // or { baseUrl: 'http://127.0.0.1:4010' }
 * const { data } = await control.POST('/__control/credentials', {
 *   body: { workspaceId, name: 'Reader', actorName: 'reader', scopes: ['conversations.read'] },
 * });
 * await control.POST('/__control/clock/advance', { body: { ms: 60_000 } });
 */
export function createControlClient(options: ControlClientOptions = {}): ControlClient {
  const { server } = options;
  const fetch = server ? (request: Request) => server.handle(request) : options.fetch;
  return createClient<ControlPaths>({
    // An in-process server ignores the origin; a name that can never resolve makes a mistake obvious.
    baseUrl: options.baseUrl ?? (server ? 'http://reference-server.invalid' : 'http://127.0.0.1:4010'),
    ...(fetch ? { fetch } : {}),
  });
}
