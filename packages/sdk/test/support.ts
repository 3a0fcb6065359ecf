/**
 * The SDK's tests run against the reference server in-process: `fetch` is `server.handle`, time is the
 * server's manual clock, and nothing sleeps for real. Faults the server can play (status answers,
 * resets after a commit) are injected through its `/__control/faults`; the two that never reach a
 * server (a reset before the request arrives, a request that hangs) are played by the fetch below.
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
  /** The server answers this status (408, 409, 429, 500, 502–504) without running the request. */
  | { kind: 'status'; status: 408 | 409 | 429 | 500 | 502 | 503 | 504; retryAfter?: number }
  /** The server runs and commits the request, then the connection drops before the response. */
  | { kind: 'reset_after_commit' }
  /** The connection drops before the request reaches the server. */
  | { kind: 'reset' }
  /** The server never answers (until the request's signal aborts). */
  | { kind: 'hang' };

/** A fault the fetch below plays itself: the server has no such kind. */
interface LocalFault {
  method: string;
  path: RegExp;
  kind: 'reset' | 'hang';
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
  /**
   * Arms a fault for the next request matching `METHOD /api/v1/path`, where `{name}` (or the regexp
   * `[^/]+`) stands for one segment. Requests wait for it to be armed, so awaiting it is optional.
   */
  fault(line: string, fault: Fault): Promise<void>;
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
  const localFaults: LocalFault[] = [];
  // Every request waits for the faults armed before it was sent (fault() need not be awaited).
  let faultsArmed: Promise<unknown> = Promise.resolve();
  let inFlight = 0;
  const settle = async () => {
    for (let quiet = 0, ticks = 0; quiet < 3 && ticks < 10_000; ticks++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      quiet = inFlight === 0 ? quiet + 1 : 0;
    }
  };
  const clock = new TestClock(server, settle);

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    await faultsArmed;
    const request = new Request(input, init);
    const url = new URL(request.url);
    const body = request.body === null ? '' : await request.clone().text();
    requests.push({
      method: request.method,
      path: url.pathname + url.search,
      headers: request.headers,
      body,
    });
    const index = localFaults.findIndex((f) => f.method === request.method && f.path.test(url.pathname));
    const local = index === -1 ? undefined : localFaults.splice(index, 1)[0];
    if (local?.kind === 'hang') {
      // Not counted as in flight: it only ends when the SDK gives up on it.
      return new Promise<Response>((_, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
      });
    }
    inFlight++;
    try {
      if (local?.kind === 'reset') throw connectionReset();
      const response = await server.handle(request);
      // The server dropped the connection (a `reset_after_commit` fault): fetch rejects, as undici does.
      if (response.type === 'error') throw connectionReset();
      return response;
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
      const template = path.replaceAll('[^/]+', '{id}');
      if (fault.kind === 'reset' || fault.kind === 'hang') {
        const pattern = new RegExp(`^${template.replace(/\{[^/{}]+\}/g, '[^/]+')}$`);
        localFaults.push({ method, path: pattern, kind: fault.kind });
        return Promise.resolve();
      }
      const armed = faultsArmed.then(() =>
        control('POST /faults', { match: { method, path: template }, ...fault }),
      );
      faultsArmed = armed;
      return armed.then(() => undefined);
    },
    opencom: (options = {}) =>
      new Opencom({ apiKey: credential.secret, baseUrl: 'http://mock.test', fetch, clock, ...options }),
    control,
    settle,
  };
}
