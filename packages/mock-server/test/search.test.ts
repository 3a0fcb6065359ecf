import { describe, expect, it } from 'vitest';
import { createArticle, createCollection, otherWorkspace } from './knowledge-base';
import { request, setup, type TestWorkspace } from './support';

interface SearchResults {
  data: { article: { id: string; title: string }; score: number; highlights: string[] }[];
  query: string;
}

async function search(ws: TestWorkspace, query: string): Promise<SearchResults> {
  const response = await request<SearchResults>(ws.server, `GET /api/v1/articles/search?${query}`, {
    key: ws.key,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}
const ids = (results: SearchResults) => results.data.map((hit) => hit.article.id);

const LONG_BODY = `${'Our team answers every message within one business day, in order of arrival. '.repeat(30)}
If something went wrong with a charge, you can also ask for a refund from this page.
${'Please include your account email so we can find your workspace quickly. '.repeat(30)}`;

describe('GET /articles/search', () => {
  it('ranks an article whose title matches above one that mentions the term once in a long body', async () => {
    const ws = await setup();
    const body = await createArticle(ws, {
      title: 'Contact support',
      content: LONG_BODY,
      status: 'published',
    });
    const title = await createArticle(ws, {
      title: 'Refund policy',
      content: 'Money back within 30 days.',
      status: 'published',
    });
    const results = await search(ws, 'q=refund');
    expect(ids(results)).toEqual([title.id, body.id]);
    const [first, second] = results.data;
    expect(first?.score).toBeGreaterThan(second?.score ?? Number.POSITIVE_INFINITY);
    expect(results.query).toBe('refund');
  });

  it('answers with the spec’s shape: the article, a score, and marked plain-text highlights', async () => {
    const ws = await setup();
    const article = await createArticle(ws, {
      title: 'How to get a refund',
      content: [
        '# How to get a refund',
        '',
        'You can get a full refund within 30 days of purchase. Open **Billing → Invoices**, choose the',
        'invoice and select [Request refund](/billing/refund).',
      ].join('\n'),
      tags: ['billing'],
      status: 'published',
    });
    const results = await search(ws, 'q=how%20do%20I%20get%20a%20refund');
    expect(results).toEqual({
      data: [
        {
          article,
          score: expect.any(Number),
          highlights: [
            'How to <mark>get</mark> a <mark>refund</mark>',
            'You can <mark>get</mark> a full <mark>refund</mark> within 30 days of purchase.',
            'Open Billing → Invoices, choose the invoice and select Request <mark>refund</mark>.',
          ],
        },
      ],
      query: 'how do I get a refund',
    });
  });

  it('never returns drafts or archived articles, and follows publish, unpublish, edits and deletes at once', async () => {
    const ws = await setup();
    const draft = await createArticle(ws, { title: 'Refund draft' });
    const archived = await createArticle(ws, { title: 'Refund archive', status: 'published' });
    await request(ws.server, `POST /api/v1/articles/${archived.id}/archive`, { key: ws.key });
    const live = await createArticle(ws, { title: 'Refund live', status: 'published' });
    expect(ids(await search(ws, 'q=refund'))).toEqual([live.id]);

    await request(ws.server, `POST /api/v1/articles/${draft.id}/publish`, { key: ws.key });
    expect(ids(await search(ws, 'q=refund')).sort()).toEqual([draft.id, live.id].sort());

    await request(ws.server, `POST /api/v1/articles/${live.id}/unpublish`, { key: ws.key });
    expect(ids(await search(ws, 'q=refund'))).toEqual([draft.id]);

    await request(ws.server, `PATCH /api/v1/articles/${draft.id}`, {
      key: ws.key,
      body: { title: 'Money back', content: 'Chargebacks explained.' },
    });
    expect(ids(await search(ws, 'q=refund'))).toEqual([]);
    expect(ids(await search(ws, 'q=chargeback'))).toEqual([draft.id]);

    await request(ws.server, `DELETE /api/v1/articles/${draft.id}`, { key: ws.key });
    expect(ids(await search(ws, 'q=chargeback'))).toEqual([]);
  });

  it('searches only the caller’s workspace', async () => {
    const ws = await setup();
    const other = await otherWorkspace(ws);
    const mine = await createArticle(ws, { title: 'Refunds', status: 'published' });
    const theirs = await createArticle(other, { title: 'Refunds', status: 'published' });
    await createArticle(other, { title: 'Refund timelines', status: 'published' });
    expect(ids(await search(ws, 'q=refund'))).toEqual([mine.id]);
    expect(ids(await search(other, 'q=refund'))).toContain(theirs.id);
    expect(ids(await search(other, 'q=refund'))).not.toContain(mine.id);
  });

  it('filters by collection and visibility', async () => {
    const ws = await setup();
    const billing = await createCollection(ws, { name: 'Billing' });
    const inBilling = await createArticle(ws, {
      title: 'Refunds',
      collectionId: billing.id,
      status: 'published',
    });
    const internal = await createArticle(ws, {
      title: 'Refund approvals',
      visibility: 'internal',
      status: 'published',
    });
    expect(ids(await search(ws, `q=refund&collectionId=${billing.id}`))).toEqual([inBilling.id]);
    expect(ids(await search(ws, 'q=refund&visibility=internal'))).toEqual([internal.id]);
    expect(ids(await search(ws, 'q=refund&visibility=public'))).toEqual([inBilling.id]);
  });

  it('matches tags, with no highlights when only a tag matched', async () => {
    const ws = await setup();
    const article = await createArticle(ws, {
      title: 'Invoices',
      content: 'Download them from settings.',
      tags: ['billing'],
      status: 'published',
    });
    expect((await search(ws, 'q=billing')).data).toEqual([
      { article, score: expect.any(Number), highlights: [] },
    ]);
  });

  it('leaves out articles that match no term; a query of stopwords finds nothing', async () => {
    const ws = await setup();
    await createArticle(ws, { title: 'How to reset your password', status: 'published' });
    expect((await search(ws, 'q=shipping')).data).toEqual([]);
    expect((await search(ws, 'q=how%20to')).data).toEqual([]);
  });

  it('orders equal scores by ID and returns at most limit results (default 10)', async () => {
    const ws = await setup();
    const made = [];
    for (let i = 0; i < 12; i++)
      made.push((await createArticle(ws, { title: 'Refund', status: 'published' })).id);
    const all = await search(ws, 'q=refund');
    expect(ids(all)).toEqual([...made].sort().slice(0, 10));
    expect(new Set(all.data.map((hit) => hit.score)).size).toBe(1);
    expect(ids(await search(ws, 'q=refund&limit=3'))).toEqual([...made].sort().slice(0, 3));
    const tooMany = await request(ws.server, 'GET /api/v1/articles/search?q=refund&limit=51', {
      key: ws.key,
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.code).toBe('validation_failed');
    const missing = await request(ws.server, 'GET /api/v1/articles/search', { key: ws.key });
    expect(missing.status).toBe(400);
  });

  it('finds a seeded knowledge base that was stored without the article routes', async () => {
    const ws = await setup();
    const seeded = await request(ws.server, 'POST /__control/seed', { body: { preset: 'demo' } });
    const demo = { ...ws, key: seeded.body.credential.secret as string };
    const results = await search(demo, 'q=refund');
    expect(results.data[0]?.article.title).toBe('How to get a refund');
    const drafts = await request(demo.server, 'GET /api/v1/articles?status=draft', { key: demo.key });
    for (const draft of drafts.body.data) {
      const words = encodeURIComponent(draft.title);
      expect(ids(await search(demo, `q=${words}`))).not.toContain(draft.id);
    }
  });

  it('forgets every index on a server reset', async () => {
    const ws = await setup();
    await createArticle(ws, { title: 'Refunds', status: 'published' });
    expect((await search(ws, 'q=refund')).data).toHaveLength(1);
    expect((await request(ws.server, 'POST /__control/reset')).status).toBe(204);
    const fresh = await otherWorkspace(ws);
    expect((await search(fresh, 'q=refund')).data).toEqual([]);
    expect(ws.server.store.articleSearch.size).toBe(1);
  });
});
