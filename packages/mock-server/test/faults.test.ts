import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MockServer } from '../src/index';
import { request, setup } from './support';

afterEach(() => {
  vi.useRealTimers();
});

const inject = (server: MockServer, body: Record<string, unknown>) =>
  request(server, 'POST /__control/faults', { body });

const ticketCount = async (server: MockServer, key: string) =>
  (await request<{ data: unknown[] }>(server, 'GET /api/v1/tickets', { key })).body.data.length;

describe('POST /__control/faults', () => {
  it('arms a fault and answers it with every field, times defaulting to 1', async () => {
    const { server } = await setup();
    const response = await inject(server, {
      match: { method: 'POST', path: '/api/v1/conversations/{conversationId}/messages' },
      kind: 'status',
      status: 503,
      retryAfter: 1,
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^flt_/),
      match: { method: 'POST', path: '/api/v1/conversations/{conversationId}/messages' },
      kind: 'status',
      status: 503,
      retryAfter: 1,
      delayMs: null,
      times: 1,
      remaining: 1,
      createdAt: server.clock.now(),
    });
    const delay = await inject(server, { match: { path: '/api/v1/articles*' }, kind: 'delay', delayMs: 5 });
    expect(delay.body).toMatchObject({ kind: 'delay', status: null, retryAfter: null, delayMs: 5, times: 1 });
  });

  it('refuses faults the spec does not allow, with pointers', async () => {
    const { server } = await setup();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ match: { path: '/api/v1/me' }, kind: 'status', status: 418 }, '/body/status'],
      [{ match: { path: '/api/v1/me' }, kind: 'delay' }, '/body/delayMs'],
      [{ match: { path: 'api/v1/me' }, kind: 'reset_after_commit' }, '/body/match/path'],
      [{ match: { path: '/api/v1/me' }, kind: 'reset_after_commit', times: 0 }, '/body/times'],
      [{ match: { path: '/api/v1/me', method: 'TRACE' }, kind: 'reset_after_commit' }, '/body/match/method'],
    ];
    for (const [body, pointer] of cases) {
      const response = await inject(server, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.code).toBe('validation_failed');
      expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    }
  });
});

describe('status faults', () => {
  it('answer 503 service_unavailable with Retry-After without running the request, once', async () => {
    const { server, key } = await setup();
    await inject(server, {
      match: { method: 'POST', path: '/api/v1/tickets' },
      kind: 'status',
      status: 503,
      retryAfter: 2,
    });
    const faulted = await request(server, 'POST /api/v1/tickets', { key, body: { subject: 'A' } });
    expect(faulted.status).toBe(503);
    expect(faulted.headers.get('content-type')).toBe('application/problem+json');
    expect(faulted.headers.get('retry-after')).toBe('2');
    expect(faulted.headers.get('x-request-id')).toMatch(/^req_/);
    expect(faulted.body).toMatchObject({
      status: 503,
      code: 'service_unavailable',
      retryAfter: 2,
      instance: '/api/v1/tickets',
      requestId: faulted.headers.get('x-request-id'),
    });
    expect(await ticketCount(server, key)).toBe(0);
    const next = await request(server, 'POST /api/v1/tickets', { key, body: { subject: 'A' } });
    expect(next.status).toBe(201);
    expect(await ticketCount(server, key)).toBe(1);
  });

  it.each([
    [408, 'request_timeout'],
    [409, 'idempotency_in_progress'],
    [429, 'rate_limited'],
    [500, 'internal_error'],
    [502, 'service_unavailable'],
    [504, 'service_unavailable'],
  ])('%i answers the problem code %s, without Retry-After unless given', async (status, code) => {
    const { server, key } = await setup();
    await inject(server, { match: { path: '/api/v1/me' }, kind: 'status', status });
    const response = await request(server, 'GET /api/v1/me', { key });
    expect(response.status).toBe(status);
    expect(response.body.code).toBe(code);
    expect(response.body).not.toHaveProperty('retryAfter');
    expect(response.headers.get('retry-after')).toBeNull();
  });

  it('do not touch the rate limits: a faulted request costs nothing', async () => {
    const { server, key } = await setup({ rateLimits: { perCredential: 1, perWorkspace: 10 } });
    await inject(server, { match: { path: '/api/v1/me' }, kind: 'status', status: 500 });
    expect((await request(server, 'GET /api/v1/me', { key })).status).toBe(500);
    const me = await request(server, 'GET /api/v1/me', { key });
    expect(me.status).toBe(200);
    expect(me.headers.get('ratelimit-remaining')).toBe('0');
  });
});

describe('reset_after_commit faults', () => {
  it('commit the write and its idempotency key, then answer a network error; the retry is replayed', async () => {
    const { server, key } = await setup();
    await inject(server, { match: { method: 'POST', path: '/api/v1/tickets' }, kind: 'reset_after_commit' });
    const send = () =>
      server.handle(
        new Request('http://mock.test/api/v1/tickets', {
          method: 'POST',
          headers: {
            authorization: `Bearer ${key}`,
            'content-type': 'application/json',
            'idempotency-key': 'ticket-1',
          },
          body: JSON.stringify({ subject: 'Charged twice' }),
        }),
      );
    const dropped = await send();
    expect(dropped.type).toBe('error');
    expect(await ticketCount(server, key)).toBe(1);
    const retry = await send();
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const tickets = await request<{ data: Array<{ id: string }> }>(server, 'GET /api/v1/tickets', { key });
    expect(tickets.body.data.map((t) => t.id)).toEqual([((await retry.json()) as { id: string }).id]);
  });
});

describe('delay faults', () => {
  it('wait delayMs of real time before handling the request', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const { server, key } = await setup();
    await inject(server, { match: { path: '/api/v1/me' }, kind: 'delay', delayMs: 2_000 });
    let answered = false;
    const pending = request(server, 'GET /api/v1/me', { key }).then((response) => {
      answered = true;
      return response;
    });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(200);
    // Real time, not the engine's clock.
    expect(server.clock.now()).toBe(Date.UTC(2026, 0, 1));
  });
});

describe('fault matching', () => {
  it('a {param} matches one segment, a trailing * any rest, the query is ignored, method when given', async () => {
    const { server, key } = await setup();
    const hits = async (path: string, method: string | undefined, line: string) => {
      await request(server, 'DELETE /__control/faults');
      await inject(server, { match: { path, ...(method ? { method } : {}) }, kind: 'status', status: 500 });
      return (await request(server, line, { key })).status === 500;
    };
    expect(await hits('/api/v1/tickets/{ticketId}', 'GET', 'GET /api/v1/tickets/tkt_1')).toBe(true);
    expect(await hits('/api/v1/tickets/{ticketId}', 'GET', 'GET /api/v1/tickets/tkt_1/comments')).toBe(false);
    expect(await hits('/api/v1/tickets/{ticketId}', 'GET', 'GET /api/v1/tickets')).toBe(false);
    expect(await hits('/api/v1/tickets/{ticketId}', 'POST', 'GET /api/v1/tickets/tkt_1')).toBe(false);
    expect(await hits('/api/v1/tickets/{ticketId}', undefined, 'DELETE /api/v1/tickets/tkt_1')).toBe(true);
    expect(await hits('/api/v1/tickets*', 'GET', 'GET /api/v1/tickets/tkt_1/comments?limit=5')).toBe(true);
    expect(await hits('/api/v1/tickets*', 'GET', 'GET /api/v1/tickets?limit=5')).toBe(true);
    expect(await hits('/api/v1/tickets', 'GET', 'GET /api/v1/tickets?limit=5')).toBe(true);
    expect(await hits('/api/v1/tickets', 'GET', 'GET /api/v1/ticketsx')).toBe(false);
    expect(await hits('/api/v1/tickets.json', 'GET', 'GET /api/v1/ticketsxjson')).toBe(false);
  });

  it('never faults a control route, even under a catch-all', async () => {
    const { server, key } = await setup();
    await inject(server, { match: { path: '/*' }, kind: 'status', status: 503, times: 5 });
    expect((await request(server, 'GET /__control/clock')).status).toBe(200);
    expect((await request(server, 'GET /api/v1/me', { key })).status).toBe(503);
  });

  it('hits `times` matching requests, then the fault is gone', async () => {
    const { server, key } = await setup();
    await inject(server, { match: { path: '/api/v1/me' }, kind: 'status', status: 502, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await request(server, 'GET /api/v1/me', { key })).status);
    expect(statuses).toEqual([502, 502, 200]);
  });

  it('applies faults in injection order, one per request, skipping those that do not match', async () => {
    const { server, key } = await setup();
    await inject(server, { match: { path: '/api/v1/tickets' }, kind: 'status', status: 408 });
    await inject(server, { match: { path: '/api/v1/me' }, kind: 'status', status: 503, times: 2 });
    await inject(server, { match: { path: '/api/v1/*' }, kind: 'status', status: 500 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await request(server, 'GET /api/v1/me', { key })).status);
    expect(statuses).toEqual([503, 503, 500, 200]);
    expect((await request(server, 'GET /api/v1/tickets', { key })).status).toBe(408);
  });
});

describe('removing faults', () => {
  it('DELETE /__control/faults removes every fault, fired or not', async () => {
    const { server, key } = await setup();
    await inject(server, { match: { path: '/api/v1/me' }, kind: 'status', status: 503, times: 3 });
    expect((await request(server, 'GET /api/v1/me', { key })).status).toBe(503);
    const cleared = await request(server, 'DELETE /__control/faults');
    expect(cleared.status).toBe(204);
    expect((await request(server, 'GET /api/v1/me', { key })).status).toBe(200);
  });

  it('resetServer removes them too', async () => {
    const { server } = await setup();
    await inject(server, { match: { path: '/api/v1/*' }, kind: 'status', status: 503 });
    expect((await request(server, 'POST /__control/reset')).status).toBe(204);
    const unauthenticated = await request(server, 'GET /api/v1/me');
    expect(unauthenticated.status).toBe(401);
  });
});
