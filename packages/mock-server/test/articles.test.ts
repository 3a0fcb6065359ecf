import { describe, expect, it } from 'vitest';
import {
  createArticle,
  createCollection,
  eventsOf,
  knowledgeAudit,
  otherWorkspace,
  watchEvents,
} from './knowledge-base';
import { request, setup, type TestWorkspace } from './support';

const T0 = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;

const later = (ws: TestWorkspace, ms = MINUTE) => ws.clock.set(ws.clock.now() + ms);

describe('POST /articles', () => {
  it('creates a public draft with a slug from the title, after the last article, and emits article.created', async () => {
    const ws = await setup();
    const response = await request(ws.server, 'POST /api/v1/articles', {
      key: ws.key,
      body: { title: 'How to get a refund?', content: '# Refunds\n\nWithin 30 days.', tags: ['billing'] },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.stringMatching(/^art_/),
      workspaceId: ws.workspaceId,
      externalId: null,
      collectionId: null,
      title: 'How to get a refund?',
      slug: 'how-to-get-a-refund',
      visibility: 'public',
      status: 'draft',
      order: 0,
      tags: ['billing'],
      createdAt: T0,
      updatedAt: T0,
      publishedAt: null,
    });
    expect(response.headers.get('location')).toBe(`/api/v1/articles/${response.body.id}`);
    expect(eventsOf(ws.server, ws.workspaceId)).toEqual([
      { type: 'article.created', resource: { type: 'article', id: response.body.id }, data: response.body },
    ]);
    expect(await knowledgeAudit(ws)).toEqual([
      expect.objectContaining({
        action: 'article.create',
        target: { type: 'article', id: response.body.id },
        credentialId: ws.credentialId,
      }),
    ]);
  });

  it('publishes at once with status published: publishedAt is now, events created then published', async () => {
    const ws = await setup();
    const article = await createArticle(ws, { title: 'Shipping', status: 'published' });
    expect(article).toMatchObject({ status: 'published', publishedAt: T0 });
    expect(eventsOf(ws.server, ws.workspaceId)).toEqual([
      { type: 'article.created', resource: { type: 'article', id: article.id }, data: article },
      { type: 'article.published', resource: { type: 'article', id: article.id }, data: article },
    ]);
  });

  it('derives unique slugs: -2, -3 on a clash, accents dropped, cut to 200 characters', async () => {
    const ws = await setup();
    const slugs = [];
    for (let i = 0; i < 3; i++) slugs.push((await createArticle(ws, { title: 'Café & Crème — FAQ' })).slug);
    expect(slugs).toEqual(['cafe-creme-faq', 'cafe-creme-faq-2', 'cafe-creme-faq-3']);
    expect((await createArticle(ws, { title: '???' })).slug).toBe('article');

    const long = `${'a'.repeat(199)} tail`;
    const first = await createArticle(ws, { title: long });
    const second = await createArticle(ws, { title: long });
    expect(first.slug).toBe('a'.repeat(199));
    expect(second.slug).toBe(`${'a'.repeat(198)}-2`);
  });

  it('keeps slugs unique per workspace, not across workspaces', async () => {
    const ws = await setup();
    const other = await otherWorkspace(ws);
    await createArticle(ws, { title: 'Billing' });
    expect((await createArticle(other, { title: 'Billing' })).slug).toBe('billing');
    expect((await createArticle(other, { title: 'Other', slug: 'billing-2' })).slug).toBe('billing-2');
    // A derived slug skips the one another article chose explicitly.
    expect((await createArticle(other, { title: 'Billing' })).slug).toBe('billing-3');
  });

  it('refuses an explicit slug or an externalId that another article uses (409 conflict)', async () => {
    const ws = await setup();
    const first = await createArticle(ws, { title: 'Refunds', externalId: 'billing/refunds.md' });
    const slug = await request(ws.server, 'POST /api/v1/articles', {
      key: ws.key,
      body: { title: 'Another', content: '', slug: 'refunds' },
    });
    expect(slug.status).toBe(409);
    expect(slug.body).toMatchObject({
      code: 'conflict',
      detail: `Another article (${first.id}) already uses the slug refunds.`,
    });
    const external = await request(ws.server, 'POST /api/v1/articles', {
      key: ws.key,
      body: { title: 'Another', content: '', externalId: 'billing/refunds.md' },
    });
    expect(external.status).toBe(409);
    expect(external.body.code).toBe('conflict');
    expect(external.body.detail).toContain(first.id);
    expect(eventsOf(ws.server, ws.workspaceId)).toHaveLength(1);
  });

  it('refuses an unknown collection, or another workspace’s, with 400 on /body/collectionId', async () => {
    const ws = await setup();
    const other = await otherWorkspace(ws);
    const foreign = await createCollection(other, { name: 'Theirs' });
    for (const collectionId of ['col_missing', foreign.id]) {
      const response = await request(ws.server, 'POST /api/v1/articles', {
        key: ws.key,
        body: { title: 'Lost', content: '', collectionId },
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'validation_failed',
        errors: [{ pointer: '/body/collectionId' }],
      });
    }
  });

  it('puts each new article after the last one of its collection unless order is given', async () => {
    const ws = await setup();
    const billing = await createCollection(ws, { name: 'Billing' });
    const account = await createCollection(ws, { name: 'Account' });
    const a = await createArticle(ws, { title: 'A', collectionId: billing.id });
    const b = await createArticle(ws, { title: 'B', collectionId: billing.id, order: 7 });
    const c = await createArticle(ws, { title: 'C', collectionId: billing.id });
    const d = await createArticle(ws, { title: 'D', collectionId: account.id });
    const e = await createArticle(ws, { title: 'E' });
    expect([a.order, b.order, c.order, d.order, e.order]).toEqual([0, 7, 8, 0, 0]);
  });

  it('replays an Idempotency-Key retry without creating a second article', async () => {
    const ws = await setup();
    const send = () =>
      request(ws.server, 'POST /api/v1/articles', {
        key: ws.key,
        body: { title: 'Once', content: '' },
        headers: { 'idempotency-key': 'import-1' },
      });
    const first = await send();
    const retry = await send();
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(eventsOf(ws.server, ws.workspaceId)).toHaveLength(1);
  });
});

describe('GET /articles/{articleId}', () => {
  it('returns an article in any status, and 404 for an unknown or another workspace’s ID', async () => {
    const ws = await setup();
    const other = await otherWorkspace(ws);
    const article = await createArticle(ws, { title: 'Mine' });
    const got = await request(ws.server, `GET /api/v1/articles/${article.id}`, { key: ws.key });
    expect(got.body).toEqual(article);
    for (const [workspace, id] of [
      [other, article.id],
      [ws, 'art_missing'],
    ] as const) {
      const missing = await request(ws.server, `GET /api/v1/articles/${id}`, { key: workspace.key });
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('not_found');
    }
  });

  it('requires articles.read', async () => {
    const ws = await setup();
    const { key } = await ws.newKey(['collections.read']);
    const response = await request(ws.server, 'GET /api/v1/articles', { key });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('insufficient_scope');
  });
});

describe('PATCH /articles/{articleId}', () => {
  it('changes the given fields, keeps the slug on a new title, and emits article.updated', async () => {
    const ws = await setup();
    const article = await createArticle(ws, {
      title: 'How to get a refund',
      tags: ['billing'],
      status: 'published',
    });
    later(ws);
    const events = watchEvents(ws.server, ws.workspaceId);
    const response = await request(ws.server, `PATCH /api/v1/articles/${article.id}`, {
      key: ws.key,
      body: { title: 'Getting a refund', tags: ['billing', 'refunds'] },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      ...article,
      title: 'Getting a refund',
      tags: ['billing', 'refunds'],
      updatedAt: T0 + MINUTE,
    });
    expect(response.body).toMatchObject({
      slug: 'how-to-get-a-refund',
      status: 'published',
      publishedAt: T0,
    });
    expect(events.all()).toEqual([
      { type: 'article.updated', resource: { type: 'article', id: article.id }, data: response.body },
    ]);
  });

  it('writes nothing when every field already has its value', async () => {
    const ws = await setup();
    const article = await createArticle(ws, { title: 'Same', tags: ['a'] });
    later(ws);
    const events = watchEvents(ws.server, ws.workspaceId);
    const response = await request(ws.server, `PATCH /api/v1/articles/${article.id}`, {
      key: ws.key,
      body: { title: 'Same', tags: ['a'], collectionId: null },
    });
    expect(response.body).toEqual(article);
    expect(events.all()).toEqual([]);
  });

  it('changes the slug when asked, frees the old one, and refuses one another article uses', async () => {
    const ws = await setup();
    const first = await createArticle(ws, { title: 'First' });
    const second = await createArticle(ws, { title: 'Second' });
    const taken = await request(ws.server, `PATCH /api/v1/articles/${second.id}`, {
      key: ws.key,
      body: { slug: 'first' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('conflict');
    const renamed = await request(ws.server, `PATCH /api/v1/articles/${first.id}`, {
      key: ws.key,
      body: { slug: 'one' },
    });
    expect(renamed.body.slug).toBe('one');
    expect((await createArticle(ws, { title: 'First' })).slug).toBe('first');
  });

  it('moves between collections (after the last article there) and out of them with null', async () => {
    const ws = await setup();
    const billing = await createCollection(ws, { name: 'Billing' });
    const account = await createCollection(ws, { name: 'Account' });
    await createArticle(ws, { title: 'A', collectionId: account.id });
    const article = await createArticle(ws, { title: 'B', collectionId: billing.id });
    const moved = await request(ws.server, `PATCH /api/v1/articles/${article.id}`, {
      key: ws.key,
      body: { collectionId: account.id },
    });
    expect(moved.body).toMatchObject({ collectionId: account.id, order: 1 });
    const out = await request(ws.server, `PATCH /api/v1/articles/${article.id}`, {
      key: ws.key,
      body: { collectionId: null },
    });
    expect(out.body).toMatchObject({ collectionId: null, order: 0 });
    const unknown = await request(ws.server, `PATCH /api/v1/articles/${article.id}`, {
      key: ws.key,
      body: { collectionId: 'col_missing' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ pointer: '/body/collectionId', message: expect.any(String) }]);
  });

  it('sets and clears the externalId, refusing one another article has', async () => {
    const ws = await setup();
    await createArticle(ws, { title: 'A', externalId: 'a.md' });
    const article = await createArticle(ws, { title: 'B' });
    const taken = await request(ws.server, `PATCH /api/v1/articles/${article.id}`, {
      key: ws.key,
      body: { externalId: 'a.md' },
    });
    expect(taken.status).toBe(409);
    const linked = await request(ws.server, `PATCH /api/v1/articles/${article.id}`, {
      key: ws.key,
      body: { externalId: 'b.md' },
    });
    expect(linked.body.externalId).toBe('b.md');
    const upsert = await request(ws.server, 'PUT /api/v1/articles/by-external-id/b.md', {
      key: ws.key,
      body: { title: 'B', content: '' },
    });
    expect(upsert.status).toBe(200);
    expect(upsert.body.id).toBe(article.id);
    await request(ws.server, `PATCH /api/v1/articles/${article.id}`, {
      key: ws.key,
      body: { externalId: null },
    });
    const fresh = await request(ws.server, 'PUT /api/v1/articles/by-external-id/b.md', {
      key: ws.key,
      body: { title: 'B again', content: '' },
    });
    expect(fresh.status).toBe(201);
  });

  it('cannot change the status (400), and 404s for another workspace’s article', async () => {
    const ws = await setup();
    const other = await otherWorkspace(ws);
    const article = await createArticle(ws, { title: 'Draft' });
    const status = await request(ws.server, `PATCH /api/v1/articles/${article.id}`, {
      key: ws.key,
      body: { status: 'published' },
    });
    expect(status.status).toBe(400);
    expect(status.body.code).toBe('validation_failed');
    const foreign = await request(ws.server, `PATCH /api/v1/articles/${article.id}`, {
      key: other.key,
      body: { title: 'Mine now' },
    });
    expect(foreign.status).toBe(404);
  });
});

describe('publish, unpublish and archive', () => {
  it('publishes a draft, setting publishedAt and emitting article.published; again is a no-op', async () => {
    const ws = await setup();
    const article = await createArticle(ws, { title: 'Draft' });
    later(ws);
    const events = watchEvents(ws.server, ws.workspaceId);
    const published = await request(ws.server, `POST /api/v1/articles/${article.id}/publish`, {
      key: ws.key,
    });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      status: 'published',
      publishedAt: T0 + MINUTE,
      updatedAt: T0 + MINUTE,
    });
    later(ws);
    const again = await request(ws.server, `POST /api/v1/articles/${article.id}/publish`, { key: ws.key });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(published.body);
    expect(events.all()).toEqual([
      { type: 'article.published', resource: { type: 'article', id: article.id }, data: published.body },
    ]);
  });

  it('unpublishes a published article back to draft (clearing publishedAt, article.updated); a draft is a no-op', async () => {
    const ws = await setup();
    const article = await createArticle(ws, { title: 'Live', status: 'published' });
    later(ws);
    const events = watchEvents(ws.server, ws.workspaceId);
    const draft = await request(ws.server, `POST /api/v1/articles/${article.id}/unpublish`, { key: ws.key });
    expect(draft.body).toMatchObject({ status: 'draft', publishedAt: null, updatedAt: T0 + MINUTE });
    const again = await request(ws.server, `POST /api/v1/articles/${article.id}/unpublish`, { key: ws.key });
    expect(again.body).toEqual(draft.body);
    expect(events.types()).toEqual(['article.updated']);
  });

  it('archives keeping publishedAt; archiving again is a no-op; unpublishing it is 409 invalid_transition', async () => {
    const ws = await setup();
    const article = await createArticle(ws, { title: 'Old', status: 'published' });
    later(ws);
    const events = watchEvents(ws.server, ws.workspaceId);
    const archived = await request(ws.server, `POST /api/v1/articles/${article.id}/archive`, { key: ws.key });
    expect(archived.body).toMatchObject({ status: 'archived', publishedAt: T0, updatedAt: T0 + MINUTE });
    const again = await request(ws.server, `POST /api/v1/articles/${article.id}/archive`, { key: ws.key });
    expect(again.body).toEqual(archived.body);
    const refused = await request(ws.server, `POST /api/v1/articles/${article.id}/unpublish`, {
      key: ws.key,
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'invalid_transition',
      detail: `Article ${article.id} is archived; only a published article can be unpublished.`,
    });
    expect(events.all()).toEqual([
      { type: 'article.archived', resource: { type: 'article', id: article.id }, data: archived.body },
    ]);
    later(ws);
    const republished = await request(ws.server, `POST /api/v1/articles/${article.id}/publish`, {
      key: ws.key,
    });
    expect(republished.body).toMatchObject({ status: 'published', publishedAt: T0 + 2 * MINUTE });
  });

  it('archives a draft, and 404s for another workspace’s article', async () => {
    const ws = await setup();
    const other = await otherWorkspace(ws);
    const article = await createArticle(ws, { title: 'Draft' });
    const archived = await request(ws.server, `POST /api/v1/articles/${article.id}/archive`, { key: ws.key });
    expect(archived.body).toMatchObject({ status: 'archived', publishedAt: null });
    for (const action of ['publish', 'unpublish', 'archive']) {
      const response = await request(ws.server, `POST /api/v1/articles/${article.id}/${action}`, {
        key: other.key,
      });
      expect(response.status).toBe(404);
    }
  });
});

describe('DELETE /articles/{articleId}', () => {
  it('deletes in any status, frees the slug and externalId, and emits article.deleted with the last snapshot', async () => {
    const ws = await setup();
    const article = await createArticle(ws, { title: 'Gone', externalId: 'gone.md', status: 'published' });
    const events = watchEvents(ws.server, ws.workspaceId);
    const deleted = await request(ws.server, `DELETE /api/v1/articles/${article.id}`, { key: ws.key });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id: article.id, deleted: true });
    expect(events.all()).toEqual([
      { type: 'article.deleted', resource: { type: 'article', id: article.id }, data: article },
    ]);
    expect((await request(ws.server, `GET /api/v1/articles/${article.id}`, { key: ws.key })).status).toBe(
      404,
    );
    expect((await request(ws.server, `DELETE /api/v1/articles/${article.id}`, { key: ws.key })).status).toBe(
      404,
    );
    const again = await createArticle(ws, { title: 'Gone', externalId: 'gone.md' });
    expect(again.slug).toBe('gone');
  });
});

describe('PUT /articles/by-external-id/{externalId}', () => {
  const path = '/api/v1/articles/by-external-id/billing%2Frefunds.md';

  it('creates with defaults (201 + Location), then a re-run of the same body writes nothing', async () => {
    const ws = await setup();
    const body = { title: 'Refunds', content: 'Within 30 days.', tags: ['billing'], status: 'published' };
    const created = await request(ws.server, `PUT ${path}`, { key: ws.key, body });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/articles/${created.body.id}`);
    expect(created.body).toMatchObject({
      externalId: 'billing/refunds.md',
      slug: 'refunds',
      visibility: 'public',
      collectionId: null,
      status: 'published',
      publishedAt: T0,
    });
    later(ws);
    const events = watchEvents(ws.server, ws.workspaceId);
    const rerun = await request(ws.server, `PUT ${path}`, { key: ws.key, body });
    expect(rerun.status).toBe(200);
    expect(rerun.body).toEqual(created.body);
    expect(events.all()).toEqual([]);
    expect((await knowledgeAudit(ws)).map((entry) => entry.action)).toEqual(['article.upsert']);
  });

  it('merges an update: fields left out keep their values, article.updated is emitted', async () => {
    const ws = await setup();
    const collection = await createCollection(ws, { name: 'Billing' });
    const first = await request(ws.server, `PUT ${path}`, {
      key: ws.key,
      body: {
        title: 'Refunds',
        content: 'Old.',
        collectionId: collection.id,
        visibility: 'internal',
        tags: ['x'],
      },
    });
    later(ws);
    const events = watchEvents(ws.server, ws.workspaceId);
    const updated = await request(ws.server, `PUT ${path}`, {
      key: ws.key,
      body: { title: 'Getting a refund', content: 'New.' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({
      ...first.body,
      title: 'Getting a refund',
      content: 'New.',
      updatedAt: T0 + MINUTE,
    });
    expect(events.all()).toEqual([
      { type: 'article.updated', resource: { type: 'article', id: first.body.id }, data: updated.body },
    ]);
  });

  it('publishes in the same call: a field change emits updated then published, a pure publish only published', async () => {
    const ws = await setup();
    const draft = await request(ws.server, `PUT ${path}`, { key: ws.key, body: { title: 'A', content: '' } });
    expect(draft.body.status).toBe('draft');
    const events = watchEvents(ws.server, ws.workspaceId);
    later(ws);
    const both = await request(ws.server, `PUT ${path}`, {
      key: ws.key,
      body: { title: 'B', content: '', status: 'published' },
    });
    expect(both.body).toMatchObject({ title: 'B', status: 'published', publishedAt: T0 + MINUTE });
    expect(events.types()).toEqual(['article.updated', 'article.published']);

    const other = '/api/v1/articles/by-external-id/other.md';
    await request(ws.server, `PUT ${other}`, { key: ws.key, body: { title: 'C', content: '' } });
    const onlyPublish = watchEvents(ws.server, ws.workspaceId);
    await request(ws.server, `PUT ${other}`, {
      key: ws.key,
      body: { title: 'C', content: '', status: 'published' },
    });
    expect(onlyPublish.types()).toEqual(['article.published']);
  });

  it('moves a published article back to draft with status draft, and refuses it on an archived one', async () => {
    const ws = await setup();
    const live = await request(ws.server, `PUT ${path}`, {
      key: ws.key,
      body: { title: 'A', content: '', status: 'published' },
    });
    const events = watchEvents(ws.server, ws.workspaceId);
    const draft = await request(ws.server, `PUT ${path}`, {
      key: ws.key,
      body: { title: 'A', content: '', status: 'draft' },
    });
    expect(draft.body).toMatchObject({ status: 'draft', publishedAt: null });
    expect(events.types()).toEqual(['article.updated']);

    await request(ws.server, `POST /api/v1/articles/${live.body.id}/archive`, { key: ws.key });
    const refused = await request(ws.server, `PUT ${path}`, {
      key: ws.key,
      body: { title: 'Changed', content: '', status: 'draft' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('invalid_transition');
    // Nothing of the refused call was written.
    const stored = await request(ws.server, `GET /api/v1/articles/${live.body.id}`, { key: ws.key });
    expect(stored.body).toMatchObject({ title: 'A', status: 'archived' });
    const republished = await request(ws.server, `PUT ${path}`, {
      key: ws.key,
      body: { title: 'A', content: '', status: 'published' },
    });
    expect(republished.body.status).toBe('published');
  });

  it('refuses a slug another article uses (409) and an unknown collection (400)', async () => {
    const ws = await setup();
    await createArticle(ws, { title: 'Taken' });
    const slug = await request(ws.server, `PUT ${path}`, {
      key: ws.key,
      body: { title: 'A', content: '', slug: 'taken' },
    });
    expect(slug.status).toBe(409);
    expect(slug.body.code).toBe('conflict');
    const collection = await request(ws.server, `PUT ${path}`, {
      key: ws.key,
      body: { title: 'A', content: '', collectionId: 'col_missing' },
    });
    expect(collection.status).toBe(400);
    expect(collection.body.errors[0].pointer).toBe('/body/collectionId');
    expect(eventsOf(ws.server, ws.workspaceId)).toHaveLength(1);
  });
});

describe('GET /articles', () => {
  async function library(ws: TestWorkspace) {
    const billing = await createCollection(ws, { name: 'Billing' });
    const made = [];
    const specs = [
      { title: 'A', collectionId: billing.id, tags: ['refunds'], status: 'published' },
      { title: 'B', collectionId: billing.id, visibility: 'internal' },
      { title: 'C', tags: ['refunds', 'plans'], status: 'published', visibility: 'internal' },
      { title: 'D' },
    ];
    for (const spec of specs) {
      made.push(await createArticle(ws, spec));
      later(ws);
    }
    return { billing, ids: made.map((article) => article.id as string) };
  }

  const list = async (ws: TestWorkspace, query = '') =>
    (await request(ws.server, `GET /api/v1/articles${query}`, { key: ws.key })).body;

  it('lists newest first, every status, and filters by status, collection, tag and visibility (AND)', async () => {
    const ws = await setup();
    const { billing, ids } = await library(ws);
    const [a, b, c, d] = ids;
    const titles = (page: { data: { id: string }[] }) => page.data.map((article) => article.id);
    expect(titles(await list(ws))).toEqual([d, c, b, a]);
    expect(titles(await list(ws, '?status=published'))).toEqual([c, a]);
    expect(titles(await list(ws, `?collectionId=${billing.id}`))).toEqual([b, a]);
    expect(titles(await list(ws, '?tag=refunds'))).toEqual([c, a]);
    expect(titles(await list(ws, '?visibility=internal'))).toEqual([c, b]);
    expect(titles(await list(ws, `?collectionId=${billing.id}&status=published`))).toEqual([a]);
    expect(titles(await list(ws, '?tag=refunds&visibility=public'))).toEqual([a]);
    expect(titles(await list(ws, '?collectionId=col_missing'))).toEqual([]);
  });

  it('pages with a cursor, and refuses a cursor of another filtered list', async () => {
    const ws = await setup();
    const { billing, ids } = await library(ws);
    const first = await list(ws, '?limit=3');
    expect(first).toMatchObject({ hasMore: true, nextCursor: expect.any(String) });
    const second = await list(ws, `?limit=3&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({ hasMore: false, nextCursor: null });
    expect([...first.data, ...second.data].map((article: { id: string }) => article.id)).toEqual(
      [...ids].reverse(),
    );
    const byCollection = await list(ws, `?collectionId=${billing.id}&limit=1`);
    const wrong = await request(
      ws.server,
      `GET /api/v1/articles?status=draft&cursor=${byCollection.nextCursor}`,
      {
        key: ws.key,
      },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('invalid_cursor');
  });

  it('syncs with updatedSince in (updatedAt, id) order, from that time on, without skips or repeats', async () => {
    const ws = await setup();
    const { ids } = await library(ws);
    const [a, b, c, d] = ids;
    // A touched last moves to the end of the sync order.
    await request(ws.server, `PATCH /api/v1/articles/${a}`, { key: ws.key, body: { title: 'A2' } });
    const since = T0 + MINUTE; // b's time: a (before the patch) is excluded, b included
    const first = await list(ws, `?updatedSince=${since}&limit=2`);
    const rest = await list(ws, `?updatedSince=${since}&limit=2&cursor=${first.nextCursor}`);
    expect([...first.data, ...rest.data].map((article: { id: string }) => article.id)).toEqual([b, c, d, a]);
    expect(rest.hasMore).toBe(false);
    expect(
      (await list(ws, `?updatedSince=${since}&status=published`)).data.map((x: { id: string }) => x.id),
    ).toEqual([c, a]);
  });

  it('never shows another workspace’s articles', async () => {
    const ws = await setup();
    const other = await otherWorkspace(ws);
    await library(other);
    expect((await list(ws)).data).toEqual([]);
  });
});
