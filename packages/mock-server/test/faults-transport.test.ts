/**
 * Faults as a client sees them through each adapter: msw (in-process fetch) and the real HTTP server.
 * A dropped connection must reach `fetch` as a network error (a rejected promise), not a response.
 */
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../src/adapters/msw';
import { type HttpServer, startHttpServer } from '../src/index';
import { setup, type TestWorkspace } from './support';

interface Transport {
  /** The origin requests go to. */
  url: string;
  workspace: TestWorkspace;
  /** The HTTP server's request log (empty over msw). */
  lines: string[];
}

// Listening only while the msw transport runs: msw would otherwise intercept the HTTP server's requests too.
const msw = setupServer();

const started: HttpServer[] = [];
afterEach(async () => {
  msw.resetHandlers();
  msw.close();
  vi.useRealTimers();
  await Promise.all(started.splice(0).map((http) => http.close()));
});

const transports: Array<[string, () => Promise<Transport>]> = [
  [
    'msw',
    async () => {
      const workspace = await setup();
      msw.use(...createHandlers(workspace.server, { baseUrl: 'http://opencom.test' }));
      msw.listen({ onUnhandledRequest: 'error' });
      return { url: 'http://opencom.test', workspace, lines: [] };
    },
  ],
  [
    'the HTTP server',
    async () => {
      const workspace = await setup();
      const lines: string[] = [];
      const http = await startHttpServer(workspace.server, {
        port: 0,
        realTime: false,
        log: (line) => lines.push(line),
      });
      started.push(http);
      return { url: http.url, workspace, lines };
    },
  ],
];

describe.each(transports)('faults over %s', (_name, start) => {
  const client = (t: Transport) => ({
    inject: async (body: Record<string, unknown>) => {
      const response = await fetch(`${t.url}/__control/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(201);
    },
    createTicket: (subject: string, signal?: AbortSignal) =>
      fetch(`${t.url}/api/v1/tickets`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${t.workspace.key}`,
          'content-type': 'application/json',
          'idempotency-key': `ticket-${subject}`,
        },
        body: JSON.stringify({ subject }),
        ...(signal ? { signal } : {}),
      }),
    ticketIds: async () => {
      const response = await fetch(`${t.url}/api/v1/tickets`, {
        headers: { authorization: `Bearer ${t.workspace.key}` },
      });
      return ((await response.json()) as { data: Array<{ id: string }> }).data.map((ticket) => ticket.id);
    },
  });

  it('a status fault answers 429 rate_limited with Retry-After, and the request never ran', async () => {
    const t = await start();
    const api = client(t);
    await api.inject({
      match: { method: 'POST', path: '/api/v1/tickets' },
      kind: 'status',
      status: 429,
      retryAfter: 7,
    });
    const response = await api.createTicket('A');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.json()).toMatchObject({ code: 'rate_limited', retryAfter: 7 });
    expect(await api.ticketIds()).toEqual([]);
  });

  it('reset_after_commit drops the connection after the commit; the retry is replayed, no duplicate', async () => {
    const t = await start();
    const api = client(t);
    await api.inject({ match: { method: 'POST', path: '/api/v1/tickets' }, kind: 'reset_after_commit' });
    await expect(api.createTicket('Charged twice')).rejects.toThrow(TypeError);
    const committed = await api.ticketIds();
    expect(committed).toHaveLength(1);
    const retry = await api.createTicket('Charged twice');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(((await retry.json()) as { id: string }).id).toBe(committed[0]);
    expect(await api.ticketIds()).toEqual(committed);
    if (t.lines.length > 0) {
      expect(t.lines[1]).toMatch(/^POST \/api\/v1\/tickets 201 \(connection dropped\) \d+ms req_/);
    }
  });

  it('a delay fault holds the request for delayMs of real time, and it runs even if the client gave up', async () => {
    const t = await start();
    const api = client(t);
    await api.inject({ match: { method: 'POST', path: '/api/v1/tickets' }, kind: 'delay', delayMs: 60_000 });
    // Only setTimeout is faked, and watched: the delay's timer shows when the request reached the engine.
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const controller = new AbortController();
    const sent = api.createTicket('Slow', controller.signal);
    while (!timers.mock.calls.some(([, ms]) => ms === 60_000)) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    controller.abort();
    await expect(sent).rejects.toThrow(/abort/i);
    expect(t.workspace.server.store.tickets.size).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    vi.useRealTimers();
    await vi.waitFor(() => expect(t.workspace.server.store.tickets.size).toBe(1));
  });
});
