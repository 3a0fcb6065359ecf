import { describe, expect, it } from 'vitest';
import { auditActions, emitted, foreignKey } from './records';
import { request, setup } from './support';

const MINUTE = 60_000;

describe('POST /custom-events', () => {
  it('records an event at the server’s time by default, leaves the visitor alone, and emits custom_event.created', async () => {
    const { server, key, clock, workspaceId, credentialId } = await setup();
    const visitor = await request(server, 'POST /api/v1/visitors', { key, body: { name: 'Dana' } });
    clock.set(clock.now() + 1000);
    const response = await request(server, 'POST /api/v1/custom-events', {
      key,
      body: { name: 'export.completed', visitorId: visitor.body.id },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      workspaceId,
      name: 'export.completed',
      visitorId: visitor.body.id,
      properties: {},
      occurredAt: clock.now(),
      createdAt: clock.now(),
    });
    expect(emitted(server, 'custom_event.created')).toEqual([
      {
        type: 'custom_event.created',
        workspaceId,
        resource: { type: 'custom_event', id: response.body.id },
        data: response.body,
      },
    ]);
    expect((await request(server, `GET /api/v1/visitors/${visitor.body.id}`, { key })).body).toEqual(
      visitor.body,
    );
    expect(await auditActions(server, credentialId)).toEqual(['custom_event.create', 'visitor.create']);
  });

  it('backfills a past occurredAt with its properties, and allows up to 5 minutes ahead', async () => {
    const { server, key, clock } = await setup();
    const visitor = await request(server, 'POST /api/v1/visitors', { key, body: {} });
    const properties = { from: 'pro', to: 'business', seats: 8, annual: true };
    const past = await request(server, 'POST /api/v1/custom-events', {
      key,
      body: {
        name: 'plan.upgraded',
        visitorId: visitor.body.id,
        properties,
        occurredAt: clock.now() - 60 * MINUTE,
      },
    });
    expect(past.body).toMatchObject({
      properties,
      occurredAt: clock.now() - 60 * MINUTE,
      createdAt: clock.now(),
    });
    const edge = await request(server, 'POST /api/v1/custom-events', {
      key,
      body: { name: 'plan.upgraded', visitorId: visitor.body.id, occurredAt: clock.now() + 5 * MINUTE },
    });
    expect(edge.status).toBe(201);
  });

  it('refuses a time more than 5 minutes ahead and an unknown or foreign visitor with 400s on the fields', async () => {
    const { server, key, clock } = await setup();
    const visitor = await request(server, 'POST /api/v1/visitors', { key, body: {} });
    const future = await request(server, 'POST /api/v1/custom-events', {
      key,
      body: { name: 'a', visitorId: visitor.body.id, occurredAt: clock.now() + 5 * MINUTE + 1 },
    });
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({
      code: 'validation_failed',
      errors: [{ pointer: '/body/occurredAt', message: expect.any(String) }],
    });
    const unknown = await request(server, 'POST /api/v1/custom-events', {
      key,
      body: { name: 'a', visitorId: 'vis_nope' },
    });
    expect(unknown.body.errors).toEqual([
      { pointer: '/body/visitorId', message: 'is not a visitor of this workspace' },
    ]);
    const foreign = await request(server, 'POST /api/v1/custom-events', {
      key: await foreignKey(server),
      body: { name: 'a', visitorId: visitor.body.id },
    });
    expect(foreign.status).toBe(400);
    expect(emitted(server, 'custom_event.created')).toEqual([]);
  });
});

describe('GET /custom-events', () => {
  it('lists the most recent occurredAt first, in pages, and filters by name and visitor', async () => {
    const { server, key, clock } = await setup();
    const dana = (await request(server, 'POST /api/v1/visitors', { key, body: {} })).body.id;
    const sam = (await request(server, 'POST /api/v1/visitors', { key, body: {} })).body.id;
    const now = clock.now();
    const record = async (name: string, visitorId: string, occurredAt: number) =>
      (await request(server, 'POST /api/v1/custom-events', { key, body: { name, visitorId, occurredAt } }))
        .body.id as string;
    // Recorded out of order: the list follows occurredAt, not the order of recording.
    const upgraded = await record('plan.upgraded', dana, now - 1000);
    const exported = await record('export.completed', dana, now - 5000);
    const samExport = await record('export.completed', sam, now - 3000);
    const latest = await record('export.completed', dana, now);

    const first = await request(server, 'GET /api/v1/custom-events?limit=3', { key });
    expect(first.body.data.map((e: { id: string }) => e.id)).toEqual([latest, upgraded, samExport]);
    const rest = await request(server, `GET /api/v1/custom-events?limit=3&cursor=${first.body.nextCursor}`, {
      key,
    });
    expect(rest.body).toMatchObject({ data: [{ id: exported }], hasMore: false, nextCursor: null });

    const byVisitor = await request(server, `GET /api/v1/custom-events?visitorId=${dana}&limit=2`, { key });
    expect(byVisitor.body.data.map((e: { id: string }) => e.id)).toEqual([latest, upgraded]);
    const nextForVisitor = await request(
      server,
      `GET /api/v1/custom-events?visitorId=${dana}&limit=2&cursor=${byVisitor.body.nextCursor}`,
      { key },
    );
    expect(nextForVisitor.body.data.map((e: { id: string }) => e.id)).toEqual([exported]);
    const byName = await request(
      server,
      `GET /api/v1/custom-events?name=export.completed&visitorId=${dana}`,
      { key },
    );
    expect(byName.body.data.map((e: { id: string }) => e.id)).toEqual([latest, exported]);
    const foreign = await request(server, 'GET /api/v1/custom-events', { key: await foreignKey(server) });
    expect(foreign.body.data).toEqual([]);
  });

  it('orders events of the same millisecond by ID, the most recently recorded first', async () => {
    const { server, key } = await setup();
    const visitorId = (await request(server, 'POST /api/v1/visitors', { key, body: {} })).body.id;
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      ids.push(
        (await request(server, 'POST /api/v1/custom-events', { key, body: { name, visitorId } })).body.id,
      );
    }
    const page = await request(server, 'GET /api/v1/custom-events', { key });
    expect(page.body.data.map((e: { id: string }) => e.id)).toEqual([...ids].reverse());
  });
});
