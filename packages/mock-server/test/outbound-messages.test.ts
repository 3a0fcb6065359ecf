import { describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { auditActions, emitted, foreignKey } from './records';
import { request, setup } from './support';

const nudge = { name: 'Annual plan nudge', content: { text: 'Save 20% with annual billing.' } };

/**
 * Archives a message the way the Opencom app would. The public API cannot archive (spec:
 * OutboundMessageStatus), so this one state is set on the store directly.
 */
function archive(server: MockServer, id: string): void {
  const row = server.store.outboundMessages.get(id);
  if (!row) throw new Error(`no outbound message ${id}`);
  server.store.outboundMessages.update(row, (r) => {
    r.status = 'archived';
  });
}

describe('POST /outbound-messages', () => {
  it('creates a draft with the documented defaults and emits outbound.created', async () => {
    const { server, key, workspaceId, credentialId } = await setup();
    const response = await request(server, 'POST /api/v1/outbound-messages', { key, body: nudge });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/v1/outbound-messages/${response.body.id}`);
    expect(response.body).toMatchObject({
      workspaceId,
      name: nudge.name,
      type: 'chat',
      content: { text: nudge.content.text, senderId: null },
      targeting: { match: 'all', rules: [] },
      triggers: { type: 'immediately', pageUrl: null, delaySeconds: null, eventName: null },
      frequency: 'once',
      scheduling: { startsAt: null, endsAt: null },
      status: 'draft',
      priority: 0,
    });
    expect(emitted(server, 'outbound.created')).toEqual([
      {
        type: 'outbound.created',
        workspaceId,
        resource: { type: 'outbound_message', id: response.body.id },
        data: response.body,
      },
    ]);
    expect(await auditActions(server, credentialId)).toEqual(['outbound_message.create']);
  });

  it('keeps every field it is given', async () => {
    const { server, key } = await setup();
    const body = {
      ...nudge,
      type: 'chat',
      content: { text: 'Hi', senderId: 'agt_mara' },
      targeting: {
        match: 'any',
        rules: [
          { attribute: 'customAttributes.plan', operator: 'equals', value: 'pro' },
          { attribute: 'customAttributes.seats', operator: 'gt', value: 5 },
          { attribute: 'email', operator: 'contains', value: '@example.com' },
          { attribute: 'externalId', operator: 'exists', value: true },
        ],
      },
      triggers: { type: 'time_on_page', delaySeconds: 30, pageUrl: 'https://app.example.com/billing*' },
      frequency: 'until_clicked',
      scheduling: { startsAt: 1767225600000, endsAt: 1767312000000 },
      priority: 10,
    };
    const response = await request(server, 'POST /api/v1/outbound-messages', { key, body });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      ...body,
      triggers: { ...body.triggers, eventName: null },
      status: 'draft',
    });
  });

  it.each([
    ['a page_visit trigger without pageUrl', { triggers: { type: 'page_visit' } }, '/body/triggers/pageUrl'],
    [
      'a custom_event trigger without eventName',
      { triggers: { type: 'custom_event', eventName: null } },
      '/body/triggers/eventName',
    ],
    [
      'a time_on_page trigger without delaySeconds',
      { triggers: { type: 'time_on_page' } },
      '/body/triggers/delaySeconds',
    ],
    [
      'an immediately trigger with a pageUrl',
      { triggers: { type: 'immediately', pageUrl: 'https://x.test/*' } },
      '/body/triggers/pageUrl',
    ],
    [
      'a page_visit trigger with an eventName',
      { triggers: { type: 'page_visit', pageUrl: 'https://x.test', eventName: 'a.b' } },
      '/body/triggers/eventName',
    ],
    [
      'contains with a number',
      { targeting: { rules: [{ attribute: 'name', operator: 'contains', value: 5 }] } },
      '/body/targeting/rules/0/value',
    ],
    [
      'gt with a string',
      { targeting: { rules: [{ attribute: 'customAttributes.seats', operator: 'gt', value: '5' }] } },
      '/body/targeting/rules/0/value',
    ],
    [
      'lt with a boolean',
      { targeting: { rules: [{ attribute: 'customAttributes.seats', operator: 'lt', value: true }] } },
      '/body/targeting/rules/0/value',
    ],
    [
      'exists with a string',
      { targeting: { rules: [{ attribute: 'email', operator: 'exists', value: 'yes' }] } },
      '/body/targeting/rules/0/value',
    ],
    ['endsAt before startsAt', { scheduling: { startsAt: 2000, endsAt: 1000 } }, '/body/scheduling/endsAt'],
    ['endsAt equal to startsAt', { scheduling: { startsAt: 2000, endsAt: 2000 } }, '/body/scheduling/endsAt'],
  ])('refuses %s with a 400 pointing at the field', async (_name, extra, pointer) => {
    const { server, key } = await setup();
    const response = await request(server, 'POST /api/v1/outbound-messages', {
      key,
      body: { ...nudge, ...extra },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
    expect(response.body.errors).toEqual([{ pointer, message: expect.any(String) }]);
    expect(emitted(server, 'outbound.created')).toEqual([]);
  });
});

describe('GET /outbound-messages/{id}', () => {
  it('returns the message, and 404 for an unknown ID or another workspace', async () => {
    const { server, key } = await setup();
    const created = await request(server, 'POST /api/v1/outbound-messages', { key, body: nudge });
    const got = await request(server, `GET /api/v1/outbound-messages/${created.body.id}`, { key });
    expect(got.body).toEqual(created.body);
    expect((await request(server, 'GET /api/v1/outbound-messages/out_nope', { key })).status).toBe(404);
    const foreign = await request(server, `GET /api/v1/outbound-messages/${created.body.id}`, {
      key: await foreignKey(server),
    });
    expect(foreign.body.code).toBe('not_found');
  });
});

describe('PATCH /outbound-messages/{id}', () => {
  it('replaces sent objects whole with defaults, keeps the rest, and emits outbound.updated', async () => {
    const { server, key, clock } = await setup();
    const created = await request(server, 'POST /api/v1/outbound-messages', {
      key,
      body: {
        ...nudge,
        content: { text: 'Hi', senderId: 'agt_mara' },
        triggers: { type: 'custom_event', eventName: 'plan.upgraded' },
        scheduling: { startsAt: 1000, endsAt: 2000 },
        priority: 5,
      },
    });
    clock.set(clock.now() + 1000);
    const updated = await request(server, `PATCH /api/v1/outbound-messages/${created.body.id}`, {
      key,
      body: { content: { text: 'Hello' }, scheduling: { endsAt: 3000 }, frequency: 'every_time' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      name: nudge.name,
      content: { text: 'Hello', senderId: null },
      scheduling: { startsAt: null, endsAt: 3000 },
      triggers: created.body.triggers,
      frequency: 'every_time',
      priority: 5,
      status: 'draft',
      updatedAt: clock.now(),
    });
    expect(emitted(server, 'outbound.updated').map((e) => e.data)).toEqual([updated.body]);
  });

  it('applies the create rules, refuses to edit an archived message with 409, and 404s an unknown one', async () => {
    const { server, key } = await setup();
    const created = await request(server, 'POST /api/v1/outbound-messages', { key, body: nudge });
    const path = `PATCH /api/v1/outbound-messages/${created.body.id}`;
    const bad = await request(server, path, { key, body: { triggers: { type: 'page_visit' } } });
    expect(bad.body.errors).toEqual([{ pointer: '/body/triggers/pageUrl', message: expect.any(String) }]);
    archive(server, created.body.id);
    const archived = await request(server, path, { key, body: { name: 'New name' } });
    expect(archived.status).toBe(409);
    expect(archived.body.code).toBe('invalid_transition');
    const missing = await request(server, 'PATCH /api/v1/outbound-messages/out_nope', {
      key,
      body: { name: 'x' },
    });
    expect(missing.status).toBe(404);
    expect(emitted(server, 'outbound.updated')).toEqual([]);
  });
});

describe('DELETE /outbound-messages/{id}', () => {
  it('deletes in any status, emits outbound.deleted with the last snapshot, and then 404s', async () => {
    const { server, key, credentialId } = await setup();
    const created = await request(server, 'POST /api/v1/outbound-messages', { key, body: nudge });
    archive(server, created.body.id);
    const deleted = await request(server, `DELETE /api/v1/outbound-messages/${created.body.id}`, { key });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id: created.body.id, deleted: true });
    expect(emitted(server, 'outbound.deleted').map((e) => e.data)).toEqual([
      { ...created.body, status: 'archived' },
    ]);
    expect((await request(server, `GET /api/v1/outbound-messages/${created.body.id}`, { key })).status).toBe(
      404,
    );
    expect(
      (await request(server, `DELETE /api/v1/outbound-messages/${created.body.id}`, { key })).status,
    ).toBe(404);
    expect(await auditActions(server, credentialId)).toEqual([
      'outbound_message.create',
      'outbound_message.delete',
    ]);
  });
});

describe('activate and pause', () => {
  it('activates a draft, pauses it, activates it again; repeating a move is a no-op without an event', async () => {
    const { server, key, clock } = await setup();
    const created = await request(server, 'POST /api/v1/outbound-messages', { key, body: nudge });
    const base = `/api/v1/outbound-messages/${created.body.id}`;
    clock.set(clock.now() + 1000);
    const active = await request(server, `POST ${base}/activate`, { key });
    expect(active.body).toMatchObject({ status: 'active', updatedAt: clock.now() });
    clock.set(clock.now() + 1000);
    const again = await request(server, `POST ${base}/activate`, { key });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(active.body);
    const paused = await request(server, `POST ${base}/pause`, { key });
    expect(paused.body).toMatchObject({ status: 'paused', updatedAt: clock.now() });
    const pausedAgain = await request(server, `POST ${base}/pause`, { key });
    expect(pausedAgain.body).toEqual(paused.body);
    const reactivated = await request(server, `POST ${base}/activate`, { key });
    expect(reactivated.body.status).toBe('active');
    expect(emitted(server, 'outbound.activated').map((e) => e.data)).toEqual([active.body, reactivated.body]);
    expect(emitted(server, 'outbound.paused').map((e) => e.data)).toEqual([paused.body]);
  });

  it('refuses to pause a draft, and to activate or pause an archived message, with 409 invalid_transition', async () => {
    const { server, key } = await setup();
    const created = await request(server, 'POST /api/v1/outbound-messages', { key, body: nudge });
    const base = `/api/v1/outbound-messages/${created.body.id}`;
    const draft = await request(server, `POST ${base}/pause`, { key });
    expect(draft.status).toBe(409);
    expect(draft.body.code).toBe('invalid_transition');
    archive(server, created.body.id);
    for (const verb of ['activate', 'pause']) {
      const response = await request(server, `POST ${base}/${verb}`, { key });
      expect(response.status, verb).toBe(409);
      expect(response.body.code).toBe('invalid_transition');
    }
    expect((await request(server, 'POST /api/v1/outbound-messages/out_nope/activate', { key })).status).toBe(
      404,
    );
  });
});

describe('GET /outbound-messages', () => {
  it('lists newest first in pages, filters by status, and syncs by updatedSince', async () => {
    const { server, key, clock } = await setup();
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      ids.push(
        (await request(server, 'POST /api/v1/outbound-messages', { key, body: { ...nudge, name } })).body.id,
      );
    }
    const start = clock.now();
    clock.set(start + 1000);
    await request(server, `POST /api/v1/outbound-messages/${ids[0]}/activate`, { key });

    const first = await request(server, 'GET /api/v1/outbound-messages?limit=2', { key });
    expect(first.body.data.map((m: { id: string }) => m.id)).toEqual([ids[2], ids[1]]);
    const rest = await request(
      server,
      `GET /api/v1/outbound-messages?limit=2&cursor=${first.body.nextCursor}`,
      { key },
    );
    expect(rest.body).toMatchObject({ data: [{ id: ids[0] }], hasMore: false });

    const drafts = await request(server, 'GET /api/v1/outbound-messages?status=draft', { key });
    expect(drafts.body.data.map((m: { id: string }) => m.id)).toEqual([ids[2], ids[1]]);
    const sync = await request(server, `GET /api/v1/outbound-messages?updatedSince=${start}`, { key });
    expect(sync.body.data.map((m: { id: string }) => m.id)).toEqual([ids[1], ids[2], ids[0]]);
    const changed = await request(server, `GET /api/v1/outbound-messages?updatedSince=${start + 1}`, { key });
    expect(changed.body.data.map((m: { id: string }) => m.id)).toEqual([ids[0]]);
    const foreign = await request(server, 'GET /api/v1/outbound-messages', { key: await foreignKey(server) });
    expect(foreign.body.data).toEqual([]);
  });
});
