import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MockServer } from '../server';
import { createDashboardHandler, DASHBOARD_PATH } from './dashboard-assets';
import { sendEngineResponse, toEngineRequest } from './node-fetch';
import { driveInRealTime } from './real-time-clock';

export interface HttpServerOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the control API has no authentication, so listen locally unless told. */
  host?: string;
  /** Receives one line per request: method, path, status, duration, request ID. Silent by default. */
  log?: (line: string) => void;
  /** Move the engine clock with real time (see real-time-clock.ts). Default true. */
  realTime?: boolean;
  /**
   * Serve the dashboard at `/dashboard` (default true); `{ dir }` serves a dashboard built elsewhere
   * (see dashboard-assets.ts).
   */
  dashboard?: boolean | { dir: string };
}

export interface HttpServer {
  url: string;
  port: number;
  /** The dashboard's page, or null when it is off. */
  dashboardUrl: string | null;
  /**
   * Stops accepting connections, answers the requests in flight, then closes every connection left
   * (idle keep-alive sockets, and those a browser opened ahead of time without sending anything).
   */
  close(): Promise<void>;
}

/**
 * Serves a reference server over HTTP (node:http), for the CLI, non-JS clients and local development.
 *
 * @example
 * const server = createMockServer({ clock: new ManualClock(Date.now()) });
 * const http = await startHttpServer(server, { port: 4010, log: console.log });
 * // ... later
 * await http.close();
 */
export async function startHttpServer(
  server: MockServer,
  options: HttpServerOptions = {},
): Promise<HttpServer> {
  const { port = 4010, host = '127.0.0.1', log, realTime = true, dashboard = true } = options;
  const serveDashboard =
    dashboard === false ? null : createDashboardHandler(dashboard === true ? undefined : dashboard.dir);
  const clock = realTime
    ? driveInRealTime(server, (error) => log?.(`clock task failed: ${String(error)}`))
    : null;
  const hostname = host.includes(':') ? `[${host}]` : host;
  let origin = `http://${hostname}:${port}`;
  let closing = false;
  /** Requests received and not yet answered in full. */
  let inFlight = 0;
  // Once closing and nothing is in flight, every connection left is idle or has not sent a whole
  // request: none may hold up the close. `closeIdleConnections` alone misses a socket that never sent
  // a byte (browsers open them ahead of time), and `close()` then waited for it forever.
  const closeWhenQuiet = () => {
    if (closing && inFlight === 0) http.closeAllConnections();
  };
  // One shared listener, not a closure per request: this runs on every response.
  const responseClosed = () => {
    inFlight--;
    closeWhenQuiet();
  };
  const http = createServer(async (req, res) => {
    const started = performance.now();
    inFlight++;
    // `close`, not `finish`: the response is counted until its bytes are handed to the socket.
    res.on('close', responseClosed);
    try {
      // Static files of the dashboard; the request log is for API calls only.
      if (serveDashboard?.(req, res)) return;
      await clock?.sync();
      const response = await server.dispatch(toEngineRequest(req, origin));
      clock?.observe();
      // While closing, no connection is kept alive for another request.
      sendEngineResponse(response, res, { keepAlive: !closing });
      const ms = Math.round(performance.now() - started);
      const status = response.dropConnection ? `${response.status} (connection dropped)` : response.status;
      log?.(`${req.method} ${req.url} ${status} ${ms}ms ${response.headers['X-Request-Id'] ?? '-'}`);
    } catch {
      // The client went away mid-response; nothing is left to answer.
      res.destroy();
    }
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => resolve());
  });
  const actual = (http.address() as AddressInfo).port;
  origin = `http://${hostname}:${actual}`;
  return {
    url: origin,
    port: actual,
    dashboardUrl: serveDashboard ? `${origin}${DASHBOARD_PATH}` : null,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing = true;
        clock?.stop();
        http.close((error) => (error ? reject(error) : resolve()));
        closeWhenQuiet();
      }),
  };
}
