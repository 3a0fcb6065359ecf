/**
 * The SDK's tests run against the reference server in-process: `fetch` is `server.handle`, time is the
 * server's manual clock, and nothing sleeps for real. Faults (connection resets, status answers) are
 * injected in the fetch below: the server's own `/__control/faults` is not implemented yet.
 */
import { createMockServer, ManualClock, type MockServer } from '@opencom/mock-server';
import { afterEach, expect } from 'vitest';
import type { Clock } from '../src/core/clock';
import { Opencom, type OpencomOptions } from '../src/index';

const servers: MockServer[] = [];

afterEach(() => {
  const violations = servers.flatMap((server) => server.contractViolations.splice(0));
  servers.length = 0;
  expect(violations, 'responses that do not match spec/openapi.yaml').toEqual([]);
});

const ALL_SCOPES = [
  'conversations.read',
  'conversations.write',
  'messages.read',
  'messages.write',
  'visitors.read',
  'visitors.write',
  'tickets.read',
  'tickets.write',
  'articles.read',
  'articles.write',
  'collections.read',
  'collections.write',
  'outbound.read',
  'outbound.write',
  'events.read',
  'events.write',
  'webhooks.manage',
  'claims.manage',
];

/** A fault for the next request that matches: a status answer, or a dropped connection. */
export type Fault =
  | { kind: 'status'; status: number; retryAfter?: number; body?: unknown }
  /** The server runs and commits the request, then the connection drops before the response. */
  | { kind: 'reset_after_commit' }
  /** The connection drops before the request reaches the server. */
  | { kind: 'reset' }
  /** The server never answers (until the request's signal aborts). */
  | { kind: 'hang' };

interface ArmedFault {
  method: string;
  path: RegExp;
  fault: Fault;
}

/** A record of one request as it reached the wire. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: Headers;
  body: string;
}

function connectionReset(): TypeError {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
  });
}

/**
 * The SDK's clock for tests: `now()` is the server's clock, and timers wait for the test to move time
 * with `advance`. With `autoAdvance`, every timer moves the server's clock by its length and fires at
 * once (for backoff tests; pair it with `timeoutMs: Infinity`, or timeouts would fire too).
 */
export class TestClock implements Clock {
  /** The length of every timer set, in order. */
  readonly sleeps: number[] = [];
  #timers: { at: number; fire: () => void; seq: number; keepAlive: boolean }[] = [];
  #seq = 0;
  autoAdvance = false;

  constructor(
    private readonly server: MockServer,
    private readonly settle: () => Promise<void>,
  ) {}

  now(): number {
    return this.server.clock.now();
  }

  setTimer(ms: number, callback: () => void, options?: { keepAlive?: boolean }): () => void {
    this.sleeps.push(ms);
    let cancelled = false;
    if (this.autoAdvance) {
      void this.#moveServerTo(this.now() + Math.ceil(ms)).then(() => {
        if (!cancelled) callback();
      });
      return () => {
        cancelled = true;
      };
    }
    const timer = {
      at: this.now() + Math.ceil(ms),
      fire: callback,
      seq: this.#seq++,
      keepAlive: options?.keepAlive !== false,
    };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  }

  /** Pending timers that would keep a process alive (waits and renewals, not the request-timeout sweep). */
  get pending(): number {
    return this.#timers.filter((t) => t.keepAlive).length;
  }

  /** Moves time forward by `ms`, firing each due timer at its own time and letting its work finish. */
  async advance(ms: number): Promise<void> {
    const target = this.now() + ms;
    for (;;) {
      await this.settle();
      const due = this.#timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (due === undefined) break;
      this.#timers = this.#timers.filter((t) => t !== due);
      await this.#moveServerTo(Math.max(due.at, this.now()));
      due.fire();
    }
    await this.#moveServerTo(target);
    await this.settle();
  }

  async #moveServerTo(to: number): Promise<void> {
    if (to <= this.now()) return;
    const response = await this.server.handle(
      new Request('http://mock.test/__control/clock/advance', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to }),
      }),
    );
    expect(response.status).toBe(200);
  }
}

export interface SdkTestContext {
  server: MockServer;
  clock: TestClock;
  key: string;
  workspaceId: string;
  /** Every request the SDK sent, in order (control calls excluded). */
  requests: SeenRequest[];
  /** Arms a fault for the next request matching `METHOD /api/v1/path-regexp`. */
  fault(line: string, fault: Fault): void;
  /** A client wired to the server and the test clock. */
  opencom(options?: OpencomOptions): Opencom;
  /** Calls the control API. */
  control<T = unknown>(line: string, body?: unknown): Promise<T>;
  /** Waits until no request is in flight and queued callbacks have run. */
  settle(): Promise<void>;
}

/** A server with response validation, an empty workspace, and an all-scopes key. */
export async function setup(
  serverOptions: Parameters<typeof createMockServer>[0] = {},
): Promise<SdkTestContext> {
  const server = createMockServer({
    rateLimits: false,
    seed: 7,
    clock: new ManualClock(Date.UTC(2026, 0, 1)),
    ...serverOptions,
    validateResponses: true,
  });
  servers.push(server);
  const control = async <T>(line: string, body?: unknown): Promise<T> => {
    const [method = 'GET', path = '/'] = line.split(' ');
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    }
    const response = await server.handle(new Request(`http://mock.test/__control${path}`, init));
    const text = await response.text();
    if (!response.ok) throw new Error(`control ${line} → ${response.status}: ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };
  const workspace = await control<{ id: string }>('POST /workspaces', { name: 'SDK tests' });
  const credential = await control<{ secret: string }>('POST /credentials', {
    workspaceId: workspace.id,
    name: 'SDK test bot',
    actorName: 'sdk-bot',
    scopes: ALL_SCOPES,
  });

  const requests: SeenRequest[] = [];
  const faults: ArmedFault[] = [];
  let inFlight = 0;
  const settle = async () => {
    for (let quiet = 0, ticks = 0; quiet < 3 && ticks < 10_000; ticks++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      quiet = inFlight === 0 ? quiet + 1 : 0;
    }
  };
  const clock = new TestClock(server, settle);

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const body = request.body === null ? '' : await request.clone().text();
    requests.push({
      method: request.method,
      path: url.pathname + url.search,
      headers: request.headers,
      body,
    });
    const index = faults.findIndex((f) => f.method === request.method && f.path.test(url.pathname));
    const armed = index === -1 ? undefined : faults.splice(index, 1)[0];
    if (armed?.fault.kind === 'hang') {
      // Not counted as in flight: it only ends when the SDK gives up on it.
      return new Promise<Response>((_, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
      });
    }
    inFlight++;
    try {
      switch (armed?.fault.kind) {
        case undefined:
          return await server.handle(request);
        case 'status': {
          const { status, retryAfter, body: problem } = armed.fault;
          const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
          if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
          return new Response(JSON.stringify(problem ?? { status, code: 'service_unavailable' }), {
            status,
            headers,
          });
        }
        case 'reset_after_commit':
          await (await server.handle(request)).text();
          throw connectionReset();
        case 'reset':
          throw connectionReset();
      }
    } finally {
      inFlight--;
    }
  };

  return {
    server,
    clock,
    key: credential.secret,
    workspaceId: workspace.id,
    requests,
    fault(line, fault) {
      const [method = 'GET', path = '/'] = line.split(' ');
      faults.push({ method, path: new RegExp(`^${path}$`), fault });
    },
    opencom: (options = {}) =>
      new Opencom({ apiKey: credential.secret, baseUrl: 'http://mock.test', fetch, clock, ...options }),
    control,
    settle,
  };
}
