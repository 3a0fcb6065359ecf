import { describe, expect, it } from 'vitest';
import { NotFoundError, Page } from '../src/index';
import { setup } from './support';

describe('.withResponse() on facade calls', () => {
  it('conversations.get(id).withResponse() gives the data, the response and its request id', async () => {
    const t = await setup({ rateLimits: { perCredential: 10, perWorkspace: 100, windowMs: 60_000 } });
    const opencom = t.opencom();
    const ticket = await opencom.tickets.create({ subject: 'Refund order 1042' });
    const { data, response, requestId } = await opencom.tickets.get(ticket.id).withResponse();
    expect(data).toEqual(ticket);
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit-limit')).toBe('10');
    expect(response.headers.get('ratelimit-remaining')).toBe('8');
    expect(requestId).toMatch(/^req_/);
    expect(requestId).toBe(response.headers.get('x-request-id'));
    // The body was read into `data`; awaiting the call itself still gives the data alone.
    expect(response.bodyUsed).toBe(true);
    expect(await opencom.tickets.get(ticket.id)).toEqual(ticket);
  });

  it('shows Idempotent-Replayed when a mutation is repeated with the same key', async () => {
    const t = await setup();
    const opencom = t.opencom();
    const first = await opencom.tickets.create({ subject: 'A' }, { idempotencyKey: 'job-7' }).withResponse();
    const again = await opencom.tickets.create({ subject: 'A' }, { idempotencyKey: 'job-7' }).withResponse();
    expect(first.response.status).toBe(201);
    expect(first.response.headers.get('idempotent-replayed')).toBeNull();
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data).toEqual(first.data);
  });

  it('gives the response of the final attempt after a retry', async () => {
    const t = await setup();
    const opencom = t.opencom({ timeoutMs: Number.POSITIVE_INFINITY });
    t.clock.autoAdvance = true;
    void t.fault('GET /api/v1/me', { kind: 'status', status: 503 });
    const { data, response } = await opencom.me.get().withResponse();
    expect(response.status).toBe(200);
    expect(data.actorName).toBe('sdk-bot');
    expect(t.requests.filter((r) => r.path === '/api/v1/me')).toHaveLength(2);
  });

  it('rejects with the typed error, reported once: not also as unhandled on the call', async () => {
    const t = await setup();
    const error = await t
      .opencom()
      .conversations.get('conv_missing')
      .withResponse()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).requestId).toMatch(/^req_/);
    // vitest fails the run on an unhandled rejection; let one surface if the call's promise had it.
    await t.settle();
  });

  it('articles.list().withResponse() gives the first page, which await and for await then reuse', async () => {
    const t = await setup();
    const opencom = t.opencom();
    for (const title of ['One', 'Two', 'Three']) await opencom.articles.create({ title, content: title });
    t.requests.length = 0;
    const list = opencom.articles.list({ limit: 2 });
    const { data: page, response, requestId } = await list.withResponse();
    expect(page).toBeInstanceOf(Page);
    expect(page.data).toHaveLength(2);
    expect(page.hasMore).toBe(true);
    expect(response.status).toBe(200);
    expect(requestId).toBe(response.headers.get('x-request-id'));
    expect(await list).toBe(page);
    const titles: string[] = [];
    for await (const article of list) titles.push(article.title);
    expect(titles.slice(0, 2)).toEqual(page.data.map((a) => a.title));
    expect(titles.sort()).toEqual(['One', 'Three', 'Two']);
    expect(t.requests.map((r) => r.path)).toEqual([
      '/api/v1/articles?limit=2',
      expect.stringMatching(/^\/api\/v1\/articles\?limit=2&cursor=/),
    ]);
  });
});
