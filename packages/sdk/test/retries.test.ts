import { describe, expect, it } from 'vitest';
import { ConnectionError, RateLimitError } from '../src/index';
import { setup } from './support';

describe('retries against the reference server', () => {
  it('a connection reset after the server committed a write, then a retry: exactly one ticket', async () => {
    const t = await setup();
    const opencom = t.opencom({ timeoutMs: Infinity });
    t.clock.autoAdvance = true;
    await t.fault('POST /api/v1/tickets', { kind: 'reset_after_commit' });
    const ticket = await opencom.tickets.create({ subject: 'Charged twice' });
    const posts = t.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    const [first, second] = posts;
    expect(first?.headers.get('idempotency-key')).toMatch(/^opencom-sdk-/);
    expect(second?.headers.get('idempotency-key')).toBe(first?.headers.get('idempotency-key'));
    const tickets = await opencom.tickets.list();
    expect(tickets.data.map((x) => x.id)).toEqual([ticket.id]);
  });

  it('the replay is the stored response (Idempotent-Replayed), seen through opencom.raw', async () => {
    const t = await setup();
    const opencom = t.opencom({ timeoutMs: Infinity });
    t.clock.autoAdvance = true;
    const { conversation } = await t.control<{ conversation: { id: string } }>('POST /conversations', {
      workspaceId: t.workspaceId,
      channel: 'email',
      content: 'Please change my invoice address.',
    });
    await t.fault('PATCH /api/v1/conversations/{conversationId}', { kind: 'reset_after_commit' });
    const { data, response } = await opencom.raw.PATCH('/conversations/{conversationId}', {
      params: { path: { conversationId: conversation.id } },
      body: { subject: 'Invoice address' },
    });
    expect(data?.subject).toBe('Invoice address');
    expect(response.headers.get('idempotent-replayed')).toBe('true');
    const events = await opencom.events.list({ types: ['conversation.updated'] });
    expect(events.data).toHaveLength(1);
  });

  it('429 from the rate limiter, then success after Retry-After on the server clock', async () => {
    const t = await setup({ rateLimits: { perCredential: 2, perWorkspace: 100, windowMs: 60_000 } });
    const opencom = t.opencom({ timeoutMs: Infinity });
    t.clock.autoAdvance = true;
    await opencom.me.get();
    await opencom.me.get();
    const me = await opencom.me.get();
    expect(me.actorName).toBe('sdk-bot');
    expect(t.requests.map((r) => r.path)).toEqual(['/api/v1/me', '/api/v1/me', '/api/v1/me', '/api/v1/me']);
    // The SDK waited exactly what Retry-After said: the rest of the minute-long window.
    expect(t.clock.sleeps).toEqual([60_000]);
    expect(opencom.rateLimit).toMatchObject({ limit: 2, remaining: 1 });
  });

  it('429 with retries spent is a RateLimitError carrying retryAfter', async () => {
    const t = await setup({ rateLimits: { perCredential: 1, perWorkspace: 100, windowMs: 60_000 } });
    const opencom = t.opencom({ maxRetries: 0 });
    await opencom.me.get();
    const error = await opencom.me.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(60);
  });

  it('503 then success, honouring Retry-After; the per-call maxRetries wins', async () => {
    const t = await setup();
    const opencom = t.opencom({ timeoutMs: Infinity });
    t.clock.autoAdvance = true;
    await t.fault('GET /api/v1/me', { kind: 'status', status: 503, retryAfter: 2 });
    await opencom.me.get();
    expect(t.clock.sleeps).toEqual([2_000]);
    await t.fault('GET /api/v1/me', { kind: 'status', status: 503 });
    await expect(opencom.me.get({ maxRetries: 0 })).rejects.toMatchObject({ status: 503 });
  });

  it('a request that hangs times out on the clock, and the retry succeeds', async () => {
    const t = await setup();
    const opencom = t.opencom({ random: () => 0 });
    t.fault('GET /api/v1/me', { kind: 'hang' });
    const pending = opencom.me.get({ timeoutMs: 5_000 });
    await t.clock.advance(4_999);
    expect(t.requests).toHaveLength(1);
    await t.clock.advance(1);
    await expect(pending).resolves.toMatchObject({ actorName: 'sdk-bot' });
    expect(t.requests).toHaveLength(2);
  });

  it('network errors on every attempt end in a ConnectionError after maxRetries', async () => {
    const t = await setup();
    const opencom = t.opencom({ maxRetries: 3, timeoutMs: Infinity, random: () => 0.5 });
    t.clock.autoAdvance = true;
    for (let i = 0; i < 4; i++) t.fault('GET /api/v1/me', { kind: 'reset' });
    await expect(opencom.me.get()).rejects.toBeInstanceOf(ConnectionError);
    expect(t.requests).toHaveLength(4);
    expect(t.clock.sleeps).toEqual([250, 500, 1000]);
  });

  it('per-request headers, idempotencyKey and signal', async () => {
    const t = await setup();
    const opencom = t.opencom();
    await opencom.tickets.create(
      { subject: 'A' },
      { idempotencyKey: 'import-1', headers: { 'X-Trace': 'abc' } },
    );
    const again = await opencom.tickets.create({ subject: 'A' }, { idempotencyKey: 'import-1' });
    expect(t.requests.map((r) => r.headers.get('idempotency-key'))).toEqual(['import-1', 'import-1']);
    expect(t.requests[0]?.headers.get('x-trace')).toBe('abc');
    expect((await opencom.tickets.list()).data.map((x) => x.id)).toEqual([again.id]);
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the caller'));
    await expect(opencom.me.get({ signal: controller.signal })).rejects.toThrow('cancelled by the caller');
  });
});
