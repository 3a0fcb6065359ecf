import { describe, expect, it } from 'vitest';
import { auditActions, emitted, foreignKey } from './records';
import { request, setup } from './support';

const dana = {
  externalId: 'crm_1',
  externalUserId: 'user_1',
  email: 'Dana.Whitfield@example.com',
  name: 'Dana Whitfield',
  location: { city: 'Lisbon', country: 'Portugal' },
  customAttributes: { plan: 'pro', seats: 5, trial: false },
};

describe('POST /visitors', () => {
  it('creates a visitor who has not visited yet, with Location, and emits visitor.created', async () => {
    const { server, key, workspaceId, credentialId } = await setup();
    const response = await request(server, 'POST /api/v1/visitors', {
      key,
      body: { ...dana, customAttributes: { ...dana.customAttributes, gone: null } },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/v1/visitors/${response.body.id}`);
    expect(response.body).toMatchObject({
      ...dana,
      workspaceId,
      firstSeenAt: null,
      lastSeenAt: null,
      createdAt: server.clock.now(),
      updatedAt: server.clock.now(),
    });
    // Null-valued attributes are not stored.
    expect(response.body.customAttributes).toEqual(dana.customAttributes);
    expect(emitted(server, 'visitor.created')).toEqual([
      {
        type: 'visitor.created',
        workspaceId,
        resource: { type: 'visitor', id: response.body.id },
        data: response.body,
      },
    ]);
    expect(await auditActions(server, credentialId)).toEqual(['visitor.create']);
  });

  it('creates an anonymous visitor from an empty body', async () => {
    const { server, key } = await setup();
    const response = await request(server, 'POST /api/v1/visitors', { key, body: {} });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      externalId: null,
      externalUserId: null,
      email: null,
      name: null,
      location: null,
      customAttributes: {},
    });
  });

  it('refuses an externalId another visitor has with 409 conflict, but not a shared email', async () => {
    const { server, key } = await setup();
    await request(server, 'POST /api/v1/visitors', { key, body: dana });
    const again = await request(server, 'POST /api/v1/visitors', { key, body: { externalId: 'crm_1' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('conflict');
    const sameEmail = await request(server, 'POST /api/v1/visitors', { key, body: { email: dana.email } });
    expect(sameEmail.status).toBe(201);
  });

  it('keeps externalIds per workspace', async () => {
    const { server, key } = await setup();
    await request(server, 'POST /api/v1/visitors', { key, body: dana });
    const other = await request(server, 'POST /api/v1/visitors', {
      key: await foreignKey(server),
      body: dana,
    });
    expect(other.status).toBe(201);
  });
});

describe('GET /visitors/{visitorId}', () => {
  it('returns the visitor, and 404 for an unknown ID or another workspace', async () => {
    const { server, key } = await setup();
    const created = await request(server, 'POST /api/v1/visitors', { key, body: dana });
    const got = await request(server, `GET /api/v1/visitors/${created.body.id}`, { key });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);
    expect((await request(server, 'GET /api/v1/visitors/vis_nope', { key })).body.code).toBe('not_found');
    const foreign = await request(server, `GET /api/v1/visitors/${created.body.id}`, {
      key: await foreignKey(server),
    });
    expect(foreign.status).toBe(404);
  });
});

describe('PATCH /visitors/{visitorId}', () => {
  it('merges customAttributes key by key (null removes), clears fields with null, and emits visitor.updated', async () => {
    const { server, key, clock, credentialId } = await setup();
    const created = await request(server, 'POST /api/v1/visitors', { key, body: dana });
    clock.set(clock.now() + 1000);
    const updated = await request(server, `PATCH /api/v1/visitors/${created.body.id}`, {
      key,
      body: { name: null, customAttributes: { seats: 8, trial: null, region: 'eu' } },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      name: null,
      email: dana.email,
      customAttributes: { plan: 'pro', seats: 8, region: 'eu' },
      lastSeenAt: null,
      createdAt: created.body.createdAt,
      updatedAt: clock.now(),
    });
    expect(updated.body.customAttributes).not.toHaveProperty('trial');
    expect(emitted(server, 'visitor.updated').map((e) => e.data)).toEqual([updated.body]);
    expect(await auditActions(server, credentialId)).toEqual(['visitor.create', 'visitor.update']);
  });

  it('writes nothing when the body matches the stored profile: updatedAt stays, no event', async () => {
    const { server, key, clock } = await setup();
    const created = await request(server, 'POST /api/v1/visitors', { key, body: dana });
    clock.set(clock.now() + 1000);
    const same = await request(server, `PATCH /api/v1/visitors/${created.body.id}`, {
      key,
      body: {
        name: dana.name,
        location: { ...dana.location },
        customAttributes: { seats: 5, missing: null },
      },
    });
    expect(same.status).toBe(200);
    expect(same.body).toEqual(created.body);
    expect(emitted(server, 'visitor.updated')).toEqual([]);
  });

  it('moves and frees the externalId, and refuses one another visitor has', async () => {
    const { server, key } = await setup();
    const first = await request(server, 'POST /api/v1/visitors', { key, body: dana });
    const second = await request(server, 'POST /api/v1/visitors', { key, body: { externalId: 'crm_2' } });
    const taken = await request(server, `PATCH /api/v1/visitors/${second.body.id}`, {
      key,
      body: { externalId: 'crm_1' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('conflict');

    const unlinked = await request(server, `PATCH /api/v1/visitors/${first.body.id}`, {
      key,
      body: { externalId: null },
    });
    expect(unlinked.body.externalId).toBeNull();
    const moved = await request(server, `PATCH /api/v1/visitors/${second.body.id}`, {
      key,
      body: { externalId: 'crm_1' },
    });
    expect(moved.body.externalId).toBe('crm_1');
    // crm_2 is free again: the upsert creates a new visitor for it.
    const upsert = await request(server, 'PUT /api/v1/visitors/by-external-id/crm_2', { key, body: {} });
    expect(upsert.status).toBe(201);
  });

  it('refuses a merge that would leave more than 100 attributes, and 404s an unknown visitor', async () => {
    const { server, key } = await setup();
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`a${i}`, i]));
    const created = await request(server, 'POST /api/v1/visitors', { key, body: { customAttributes: many } });
    const over = await request(server, `PATCH /api/v1/visitors/${created.body.id}`, {
      key,
      body: { customAttributes: { one: 'more' } },
    });
    expect(over.status).toBe(400);
    expect(over.body.errors).toEqual([{ pointer: '/body/customAttributes', message: expect.any(String) }]);
    const swap = await request(server, `PATCH /api/v1/visitors/${created.body.id}`, {
      key,
      body: { customAttributes: { a0: null, one: 'more' } },
    });
    expect(swap.status).toBe(200);
    const missing = await request(server, 'PATCH /api/v1/visitors/vis_nope', { key, body: { name: 'X' } });
    expect(missing.status).toBe(404);
  });
});

describe('PUT /visitors/by-external-id/{externalId}', () => {
  it('creates (201, Location), then updates (200) with a merge, then treats an unchanged body as a no-op', async () => {
    const { server, key, clock, credentialId } = await setup();
    const body = { email: 'sam@example.com', name: 'Sam', customAttributes: { plan: 'starter', seats: 1 } };
    const first = await request(server, 'PUT /api/v1/visitors/by-external-id/crm%2F77', { key, body });
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/api/v1/visitors/${first.body.id}`);
    expect(first.body).toMatchObject({ ...body, externalId: 'crm/77', externalUserId: null, location: null });

    // Set by the widget or another integration: it must survive the sync.
    await request(server, `PATCH /api/v1/visitors/${first.body.id}`, {
      key,
      body: { customAttributes: { nps: 9 } },
    });
    clock.set(clock.now() + 5000);
    const upgrade = { name: 'Sam Okafor', customAttributes: { plan: 'pro', seats: 3 } };
    const second = await request(server, 'PUT /api/v1/visitors/by-external-id/crm%2F77', {
      key,
      body: upgrade,
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      id: first.body.id,
      email: 'sam@example.com',
      name: 'Sam Okafor',
      customAttributes: { plan: 'pro', seats: 3, nps: 9 },
      updatedAt: clock.now(),
    });

    clock.set(clock.now() + 5000);
    const third = await request(server, 'PUT /api/v1/visitors/by-external-id/crm%2F77', {
      key,
      body: upgrade,
    });
    expect(third.status).toBe(200);
    expect(third.body).toEqual(second.body);
    expect(emitted(server, 'visitor.created')).toHaveLength(1);
    expect(emitted(server, 'visitor.updated').map((e) => e.data)).toEqual([
      expect.objectContaining({ customAttributes: { plan: 'starter', seats: 1, nps: 9 } }),
      second.body,
    ]);
    expect(await auditActions(server, credentialId)).toEqual([
      'visitor.update',
      'visitor.upsert',
      'visitor.upsert',
    ]);
  });

  it('finds a visitor whose externalId was set by POST', async () => {
    const { server, key } = await setup();
    const created = await request(server, 'POST /api/v1/visitors', { key, body: dana });
    const upsert = await request(server, 'PUT /api/v1/visitors/by-external-id/crm_1', {
      key,
      body: { email: null },
    });
    expect(upsert.status).toBe(200);
    expect(upsert.body).toMatchObject({ id: created.body.id, email: null });
  });
});

describe('GET /visitors', () => {
  async function fourVisitors() {
    const ws = await setup();
    const ids: string[] = [];
    for (const body of [
      { ...dana },
      { email: 'dana.whitfield@EXAMPLE.com', externalUserId: 'user_1', customAttributes: { seats: '5' } },
      { email: 'sam@example.com', externalUserId: 'user_2', customAttributes: { plan: 'pro', trial: true } },
      { externalId: 'crm_9' },
    ]) {
      ids.push((await request(ws.server, 'POST /api/v1/visitors', { key: ws.key, body })).body.id);
    }
    return { ...ws, ids };
  }

  it('lists newest first in pages, without skipping or repeating', async () => {
    const { server, key, ids } = await fourVisitors();
    const first = await request(server, 'GET /api/v1/visitors?limit=3', { key });
    expect(first.body.data.map((v: { id: string }) => v.id)).toEqual([ids[3], ids[2], ids[1]]);
    expect(first.body.hasMore).toBe(true);
    const second = await request(server, `GET /api/v1/visitors?limit=3&cursor=${first.body.nextCursor}`, {
      key,
    });
    expect(second.body).toMatchObject({ data: [{ id: ids[0] }], hasMore: false, nextCursor: null });
  });

  it.each([
    ['email (case-insensitive)', 'email=DANA.WHITFIELD%40example.com', [1, 0]],
    ['externalUserId', 'externalUserId=user_1', [1, 0]],
    ['externalId', 'externalId=crm_9', [3]],
    ['externalId nobody has', 'externalId=crm_404', []],
    ['a string attribute', 'customAttributes[plan]=pro', [2, 0]],
    ['a number attribute, by type', 'customAttributes[seats]=5', [1, 0]],
    ['a boolean attribute', 'customAttributes[trial]=false', [0]],
    ['two filters together', 'email=dana.whitfield%40example.com&customAttributes[plan]=pro', [0]],
  ])('filters by %s', async (_name, search, expected) => {
    const { server, key, ids } = await fourVisitors();
    const page = await request(server, `GET /api/v1/visitors?${search}`, { key });
    expect(page.status).toBe(200);
    expect(page.body.data.map((v: { id: string }) => v.id)).toEqual(expected.map((i) => ids[i]));
  });

  it('syncs by updatedSince in (updatedAt, id) order, and profile changes move a visitor to the end', async () => {
    const { server, key, clock, ids } = await fourVisitors();
    const start = clock.now();
    clock.set(start + 1000);
    await request(server, `PATCH /api/v1/visitors/${ids[0]}`, { key, body: { name: 'Dana W.' } });
    const all = await request(server, `GET /api/v1/visitors?updatedSince=${start}&limit=2`, { key });
    expect(all.body.data.map((v: { id: string }) => v.id)).toEqual([ids[1], ids[2]]);
    const rest = await request(
      server,
      `GET /api/v1/visitors?updatedSince=${start}&limit=2&cursor=${all.body.nextCursor}`,
      { key },
    );
    expect(rest.body.data.map((v: { id: string }) => v.id)).toEqual([ids[3], ids[0]]);
    const later = await request(server, `GET /api/v1/visitors?updatedSince=${start + 1}`, { key });
    expect(later.body.data.map((v: { id: string }) => v.id)).toEqual([ids[0]]);
  });

  it('lists only the workspace’s own visitors', async () => {
    const { server } = await fourVisitors();
    const foreign = await request(server, 'GET /api/v1/visitors', { key: await foreignKey(server) });
    expect(foreign.body.data).toEqual([]);
  });
});
