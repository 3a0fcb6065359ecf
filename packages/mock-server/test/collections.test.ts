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
const get = async (ws: TestWorkspace, id: string) =>
  (await request(ws.server, `GET /api/v1/collections/${id}`, { key: ws.key })).body;
const patch = (ws: TestWorkspace, id: string, body: Record<string, unknown>) =>
  request(ws.server, `PATCH /api/v1/collections/${id}`, { key: ws.key, body });

describe('POST /collections', () => {
  it('creates a root collection with a slug from the name, order 0, no articles, and emits collection.created', async () => {
    const ws = await setup();
    const response = await request(ws.server, 'POST /api/v1/collections', {
      key: ws.key,
      body: { name: 'Billing & Payments', description: 'Invoices.', icon: 'credit-card' },
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^col_/),
      workspaceId: ws.workspaceId,
      externalId: null,
      name: 'Billing & Payments',
      slug: 'billing-payments',
      description: 'Invoices.',
      icon: 'credit-card',
      parentId: null,
      order: 0,
      articleCount: 0,
      createdAt: T0,
      updatedAt: T0,
    });
    expect(response.headers.get('location')).toBe(`/api/v1/collections/${response.body.id}`);
    expect(eventsOf(ws.server, ws.workspaceId)).toEqual([
      {
        type: 'collection.created',
        resource: { type: 'collection', id: response.body.id },
        data: response.body,
      },
    ]);
    expect(await knowledgeAudit(ws)).toEqual([
      expect.objectContaining({
        action: 'collection.create',
        target: { type: 'collection', id: response.body.id },
      }),
    ]);
  });

  it('creates children after their last sibling; slugs clash to -2 across the whole workspace', async () => {
    const ws = await setup();
    const billing = await createCollection(ws, { name: 'Billing' });
    const account = await createCollection(ws, { name: 'Account' });
    const invoices = await createCollection(ws, { name: 'Invoices', parentId: billing.id });
    const refunds = await createCollection(ws, { name: 'Refunds', parentId: billing.id, order: 5 });
    const more = await createCollection(ws, { name: 'Invoices', parentId: account.id });
    expect([billing.order, account.order, invoices.order, refunds.order, more.order]).toEqual([
      0, 1, 0, 5, 0,
    ]);
    expect(invoices.parentId).toBe(billing.id);
    expect(more.slug).toBe('invoices-2');
  });

  it('refuses an unknown or foreign parentId (400 /body/parentId), a taken slug or externalId (409)', async () => {
    const ws = await setup();
    const other = await otherWorkspace(ws);
    const foreign = await createCollection(other, { name: 'Theirs' });
    const first = await createCollection(ws, { name: 'Billing', externalId: 'billing' });
    for (const parentId of ['col_missing', foreign.id]) {
      const response = await request(ws.server, 'POST /api/v1/collections', {
        key: ws.key,
        body: { name: 'Orphan', parentId },
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'validation_failed',
        errors: [{ pointer: '/body/parentId' }],
      });
    }
    const slug = await request(ws.server, 'POST /api/v1/collections', {
      key: ws.key,
      body: { name: 'Other', slug: 'billing' },
    });
    expect(slug.status).toBe(409);
    expect(slug.body.detail).toBe(`Another collection (${first.id}) already uses the slug billing.`);
    const external = await request(ws.server, 'POST /api/v1/collections', {
      key: ws.key,
      body: { name: 'Other', externalId: 'billing' },
    });
    expect(external.status).toBe(409);
    expect(external.body.code).toBe('conflict');
  });
});

describe('GET /collections/{collectionId}', () => {
  it('counts the articles directly in it, in any status, without touching updatedAt or emitting', async () => {
    const ws = await setup();
    const billing = await createCollection(ws, { name: 'Billing' });
    const invoices = await createCollection(ws, { name: 'Invoices', parentId: billing.id });
    const events = watchEvents(ws.server, ws.workspaceId);
    later(ws);
    const a = await createArticle(ws, { title: 'A', collectionId: billing.id, status: 'published' });
    await createArticle(ws, { title: 'B', collectionId: billing.id });
    await createArticle(ws, { title: 'C', collectionId: invoices.id });
    await request(ws.server, `POST /api/v1/articles/${a.id}/archive`, { key: ws.key });
    expect(await get(ws, billing.id)).toEqual({ ...billing, articleCount: 2 });
    expect((await get(ws, invoices.id)).articleCount).toBe(1);

    await request(ws.server, `PATCH /api/v1/articles/${a.id}`, {
      key: ws.key,
      body: { collectionId: invoices.id },
    });
    await request(ws.server, `DELETE /api/v1/articles/${a.id}`, { key: ws.key });
    expect((await get(ws, billing.id)).articleCount).toBe(1);
    expect((await get(ws, invoices.id)).articleCount).toBe(1);
    expect(events.types().filter((type) => type.startsWith('collection.'))).toEqual([]);
  });

  it('404s for an unknown or another workspace’s collection', async () => {
    const ws = await setup();
    const other = await otherWorkspace(ws);
    const mine = await createCollection(ws, { name: 'Mine' });
    for (const [workspace, id] of [
      [other, mine.id],
      [ws, 'col_missing'],
    ] as const) {
      const response = await request(ws.server, `GET /api/v1/collections/${id}`, { key: workspace.key });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('not_found');
    }
  });
});

describe('GET /collections', () => {
  async function tree(ws: TestWorkspace) {
    const billing = await createCollection(ws, { name: 'Billing' });
    later(ws);
    const invoices = await createCollection(ws, { name: 'Invoices', parentId: billing.id });
    later(ws);
    const account = await createCollection(ws, { name: 'Account' });
    later(ws);
    const refunds = await createCollection(ws, { name: 'Refunds', parentId: billing.id });
    return { billing, invoices, account, refunds };
  }
  const ids = (page: { data: { id: string }[] }) => page.data.map((c) => c.id);
  const list = async (ws: TestWorkspace, query = '') =>
    (await request(ws.server, `GET /api/v1/collections${query}`, { key: ws.key })).body;

  it('lists the whole tree newest first, one level with parentId, the top level with root', async () => {
    const ws = await setup();
    const { billing, invoices, account, refunds } = await tree(ws);
    expect(ids(await list(ws))).toEqual([refunds.id, account.id, invoices.id, billing.id]);
    expect(ids(await list(ws, '?parentId=root'))).toEqual([account.id, billing.id]);
    expect(ids(await list(ws, `?parentId=${billing.id}`))).toEqual([refunds.id, invoices.id]);
    expect(ids(await list(ws, `?parentId=${invoices.id}`))).toEqual([]);
  });

  it('pages with a cursor', async () => {
    const ws = await setup();
    const { billing, invoices, account, refunds } = await tree(ws);
    const first = await list(ws, '?limit=3');
    expect(first.hasMore).toBe(true);
    const second = await list(ws, `?limit=3&cursor=${first.nextCursor}`);
    expect([...ids(first), ...ids(second)]).toEqual([refunds.id, account.id, invoices.id, billing.id]);
    expect(second).toMatchObject({ hasMore: false, nextCursor: null });
  });

  it('syncs with updatedSince in (updatedAt, id) order, combined with parentId', async () => {
    const ws = await setup();
    const { billing, invoices, account, refunds } = await tree(ws);
    later(ws);
    await patch(ws, invoices.id, { name: 'Invoices and receipts' });
    const since = T0 + MINUTE;
    expect(ids(await list(ws, `?updatedSince=${since}`))).toEqual([account.id, refunds.id, invoices.id]);
    expect(ids(await list(ws, `?updatedSince=${since}&parentId=${billing.id}`))).toEqual([
      refunds.id,
      invoices.id,
    ]);
    expect(ids(await list(ws, `?updatedSince=${since}&parentId=root`))).toEqual([account.id]);
  });

  it('never shows another workspace’s collections', async () => {
    const ws = await setup();
    const other = await otherWorkspace(ws);
    await tree(other);
    expect((await list(ws)).data).toEqual([]);
  });
});

describe('PATCH /collections/{collectionId}', () => {
  it('renames keeping the slug, moves to the root after the last root collection, emits collection.updated', async () => {
    const ws = await setup();
    const billing = await createCollection(ws, { name: 'Billing' });
    const invoices = await createCollection(ws, { name: 'Invoices', parentId: billing.id });
    later(ws);
    const events = watchEvents(ws.server, ws.workspaceId);
    const renamed = await patch(ws, invoices.id, { name: 'Invoices and receipts', parentId: null });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({
      ...invoices,
      name: 'Invoices and receipts',
      parentId: null,
      order: 1,
      updatedAt: T0 + MINUTE,
    });
    expect(events.all()).toEqual([
      { type: 'collection.updated', resource: { type: 'collection', id: invoices.id }, data: renamed.body },
    ]);
  });

  it('clears description and icon with null, changes slug and externalId, refusing taken ones', async () => {
    const ws = await setup();
    await createCollection(ws, { name: 'Taken', externalId: 'taken' });
    const collection = await createCollection(ws, { name: 'Billing', description: 'x', icon: 'y' });
    const cleared = await patch(ws, collection.id, {
      description: null,
      icon: null,
      slug: 'money',
      externalId: 'm',
    });
    expect(cleared.body).toMatchObject({ description: null, icon: null, slug: 'money', externalId: 'm' });
    expect((await patch(ws, collection.id, { slug: 'taken' })).status).toBe(409);
    expect((await patch(ws, collection.id, { externalId: 'taken' })).status).toBe(409);
    // The old slug is free again.
    expect((await createCollection(ws, { name: 'Billing' })).slug).toBe('billing');
  });

  it('refuses a move under itself or a descendant (409) and an unknown parent (400)', async () => {
    const ws = await setup();
    const billing = await createCollection(ws, { name: 'Billing' });
    const invoices = await createCollection(ws, { name: 'Invoices', parentId: billing.id });
    const receipts = await createCollection(ws, { name: 'Receipts', parentId: invoices.id });
    const self = await patch(ws, billing.id, { parentId: billing.id });
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('conflict');
    const cycle = await patch(ws, billing.id, { parentId: receipts.id });
    expect(cycle.status).toBe(409);
    expect(cycle.body.detail).toBe(
      `Collection ${billing.id} cannot move under ${receipts.id}, which is inside it.`,
    );
    const unknown = await patch(ws, billing.id, { parentId: 'col_missing' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ pointer: '/body/parentId', message: expect.any(String) }]);
    // A move to a sibling branch is fine.
    const moved = await patch(ws, receipts.id, { parentId: billing.id });
    expect(moved.body).toMatchObject({ parentId: billing.id, order: 1 });
  });

  it('writes nothing when every field already has its value, and 404s for another workspace', async () => {
    const ws = await setup();
    const other = await otherWorkspace(ws);
    const collection = await createCollection(ws, { name: 'Billing' });
    later(ws);
    const events = watchEvents(ws.server, ws.workspaceId);
    const same = await patch(ws, collection.id, { name: 'Billing', parentId: null });
    expect(same.body).toEqual(collection);
    expect(events.all()).toEqual([]);
    const foreign = await request(ws.server, `PATCH /api/v1/collections/${collection.id}`, {
      key: other.key,
      body: { name: 'Mine' },
    });
    expect(foreign.status).toBe(404);
  });
});

describe('DELETE /collections/{collectionId}', () => {
  it('refuses a collection with articles or children (409), naming what is left', async () => {
    const ws = await setup();
    const billing = await createCollection(ws, { name: 'Billing' });
    const invoices = await createCollection(ws, { name: 'Invoices', parentId: billing.id });
    for (const title of ['A', 'B', 'C']) await createArticle(ws, { title, collectionId: billing.id });
    const full = await request(ws.server, `DELETE /api/v1/collections/${billing.id}`, { key: ws.key });
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({
      code: 'conflict',
      detail: `Collection ${billing.id} still has 3 articles and 1 child collection; move or delete them first.`,
    });
    const archived = await createArticle(ws, { title: 'D', collectionId: invoices.id });
    await request(ws.server, `POST /api/v1/articles/${archived.id}/archive`, { key: ws.key });
    const withArchived = await request(ws.server, `DELETE /api/v1/collections/${invoices.id}`, {
      key: ws.key,
    });
    expect(withArchived.body.detail).toBe(
      `Collection ${invoices.id} still has 1 article; move or delete them first.`,
    );
  });

  it('deletes an empty collection, frees its slug and externalId, emits collection.deleted', async () => {
    const ws = await setup();
    const collection = await createCollection(ws, { name: 'Billing', externalId: 'billing' });
    const article = await createArticle(ws, { title: 'A', collectionId: collection.id });
    await request(ws.server, `DELETE /api/v1/articles/${article.id}`, { key: ws.key });
    const events = watchEvents(ws.server, ws.workspaceId);
    const deleted = await request(ws.server, `DELETE /api/v1/collections/${collection.id}`, { key: ws.key });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id: collection.id, deleted: true });
    expect(events.all()).toEqual([
      { type: 'collection.deleted', resource: { type: 'collection', id: collection.id }, data: collection },
    ]);
    expect(
      (await request(ws.server, `GET /api/v1/collections/${collection.id}`, { key: ws.key })).status,
    ).toBe(404);
    expect(
      (await request(ws.server, `DELETE /api/v1/collections/${collection.id}`, { key: ws.key })).status,
    ).toBe(404);
    const again = await createCollection(ws, { name: 'Billing', externalId: 'billing' });
    expect(again.slug).toBe('billing');
  });
});

describe('PUT /collections/by-external-id/{externalId}', () => {
  const path = '/api/v1/collections/by-external-id/getting-started';

  it('creates (201 + Location), re-runs as a no-op, then merges an update', async () => {
    const ws = await setup();
    const body = { name: 'Getting started', description: 'Set up.', icon: 'rocket', parentId: null };
    const created = await request(ws.server, `PUT ${path}`, { key: ws.key, body });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/collections/${created.body.id}`);
    expect(created.body).toMatchObject({ externalId: 'getting-started', slug: 'getting-started', order: 0 });
    later(ws);
    const events = watchEvents(ws.server, ws.workspaceId);
    const rerun = await request(ws.server, `PUT ${path}`, { key: ws.key, body });
    expect(rerun.status).toBe(200);
    expect(rerun.body).toEqual(created.body);
    expect(events.all()).toEqual([]);

    const updated = await request(ws.server, `PUT ${path}`, { key: ws.key, body: { name: 'Start here' } });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({ ...created.body, name: 'Start here', updatedAt: T0 + MINUTE });
    expect(events.all()).toEqual([
      {
        type: 'collection.updated',
        resource: { type: 'collection', id: created.body.id },
        data: updated.body,
      },
    ]);
    expect((await knowledgeAudit(ws)).map((entry) => entry.action)).toEqual([
      'collection.upsert',
      'collection.upsert',
    ]);
  });

  it('moves under a parent and back to the root with null; refuses cycles (409) and unknown parents (400)', async () => {
    const ws = await setup();
    const root = await request(ws.server, `PUT ${path}`, { key: ws.key, body: { name: 'Start' } });
    const child = await createCollection(ws, { name: 'Child', parentId: root.body.id });
    const billing = await createCollection(ws, { name: 'Billing' });
    const under = await request(ws.server, `PUT ${path}`, {
      key: ws.key,
      body: { name: 'Start', parentId: billing.id },
    });
    expect(under.body).toMatchObject({ parentId: billing.id, order: 0 });
    const back = await request(ws.server, `PUT ${path}`, {
      key: ws.key,
      body: { name: 'Start', parentId: null },
    });
    expect(back.body).toMatchObject({ parentId: null, order: 2 });
    const cycle = await request(ws.server, `PUT ${path}`, {
      key: ws.key,
      body: { name: 'Start', parentId: child.id },
    });
    expect(cycle.status).toBe(409);
    expect(cycle.body.code).toBe('conflict');
    const unknown = await request(ws.server, `PUT ${path}`, {
      key: ws.key,
      body: { name: 'Start', parentId: 'col_missing' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].pointer).toBe('/body/parentId');
  });

  it('refuses a slug another collection uses (409)', async () => {
    const ws = await setup();
    await createCollection(ws, { name: 'Billing' });
    const response = await request(ws.server, `PUT ${path}`, {
      key: ws.key,
      body: { name: 'Start', slug: 'billing' },
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('conflict');
  });
});
