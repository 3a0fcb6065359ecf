import { describe, expect, it } from 'vitest';
import { auditActions, foreignKey } from './records';
import { request, setup } from './support';

const HOUR = 3_600_000;
const SECRET = /^whsec_[A-Za-z0-9+/]{43}=$/;

describe('POST /webhooks', () => {
  it('creates an active subscription and shows its secret once, with the prefix that tells it apart', async () => {
    const { server, key, clock, workspaceId, credentialId } = await setup();
    const response = await request(server, 'POST /api/v1/webhooks', {
      key,
      body: {
        url: 'https://hooks.example.com/opencom',
        description: 'Order system sync',
        eventTypes: ['conversation.claimed', 'message.created'],
        channels: ['chat'],
      },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/v1/webhooks/${response.body.id}`);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^whk_/),
      workspaceId,
      url: 'https://hooks.example.com/opencom',
      description: 'Order system sync',
      eventTypes: ['conversation.claimed', 'message.created'],
      resourceTypes: [],
      channels: ['chat'],
      status: 'active',
      disabledReason: null,
      secretPrefix: response.body.secret.slice(0, 14),
      createdAt: clock.now(),
      updatedAt: clock.now(),
      secret: expect.stringMatching(SECRET),
    });
    const { secret, ...withoutSecret } = response.body;
    const read = await request(server, `GET /api/v1/webhooks/${response.body.id}`, { key });
    expect(read.body).toEqual(withoutSecret);
    expect(await auditActions(server, credentialId)).toEqual(['webhook.create']);
  });

  it('stores the secret encrypted (AES-GCM), never in plain text', async () => {
    const { server, key } = await setup();
    const created = await request(server, 'POST /api/v1/webhooks', {
      key,
      body: { url: 'http://localhost:3000/hook' },
    });
    const row = server.store.webhooks.get(created.body.id);
    expect(JSON.stringify(row)).not.toContain(created.body.secret.slice(6));
    expect(server.secrets.open(row?.secretCiphertext ?? '')).toBe(created.body.secret);
  });

  it('creates a paused subscription when asked, and accepts http on localhost for local development', async () => {
    const { server, key } = await setup();
    const response = await request(server, 'POST /api/v1/webhooks', {
      key,
      body: { url: 'http://127.0.0.1:3000/hook', status: 'paused' },
    });
    expect(response.status).toBe(201);
    expect(response.body.status).toBe('paused');
  });

  it.each([
    ['an ftp URL', { url: 'ftp://hooks.example.com/x' }],
    ['a relative URL', { url: '/hooks' }],
    ['a URL that does not parse', { url: 'http://[nope/hook' }],
    ['an unknown event type', { url: 'https://h.example.com', eventTypes: ['message.exploded'] }],
    ['an unknown channel', { url: 'https://h.example.com', channels: ['pigeon'] }],
    ['status disabled (set only by the server)', { url: 'https://h.example.com', status: 'disabled' }],
  ])('refuses %s with 400 validation_failed', async (_name, body) => {
    const { server, key } = await setup();
    const response = await request(server, 'POST /api/v1/webhooks', { key, body });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
  });

  it('needs webhooks.manage', async () => {
    const { server, newKey } = await setup();
    const { key } = await newKey(['events.read']);
    const response = await request(server, 'POST /api/v1/webhooks', {
      key,
      body: { url: 'https://h.example.com' },
    });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('insufficient_scope');
  });
});

describe('GET /webhooks', () => {
  it('lists newest first, pages with a cursor, filters by status, and never shows a secret', async () => {
    const { server, key, clock } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await request(server, 'POST /api/v1/webhooks', {
        key,
        body: { url: `https://h${i}.example.com/hook`, ...(i % 2 === 1 ? { status: 'paused' } : {}) },
      });
      ids.push(created.body.id);
      clock.set(clock.now() + 1);
    }
    const first = await request(server, 'GET /api/v1/webhooks?limit=3', { key });
    expect(first.body.data.map((w: { id: string }) => w.id)).toEqual([ids[4], ids[3], ids[2]]);
    expect(first.body.hasMore).toBe(true);
    expect(JSON.stringify(first.body)).not.toContain('"secret"');
    const second = await request(server, `GET /api/v1/webhooks?limit=3&cursor=${first.body.nextCursor}`, {
      key,
    });
    expect(second.body).toMatchObject({ nextCursor: null, hasMore: false });
    expect(second.body.data.map((w: { id: string }) => w.id)).toEqual([ids[1], ids[0]]);
    const paused = await request(server, 'GET /api/v1/webhooks?status=paused', { key });
    expect(paused.body.data.map((w: { id: string }) => w.id)).toEqual([ids[3], ids[1]]);
  });
});

describe('PATCH /webhooks/{webhookId}', () => {
  it('changes the URL, description and filters; [] clears a filter and null the description', async () => {
    const { server, key, clock, credentialId } = await setup();
    const created = await request(server, 'POST /api/v1/webhooks', {
      key,
      body: {
        url: 'https://a.example.com',
        description: 'A',
        eventTypes: ['message.created'],
        channels: ['chat'],
      },
    });
    clock.set(clock.now() + 1000);
    const updated = await request(server, `PATCH /api/v1/webhooks/${created.body.id}`, {
      key,
      body: {
        url: 'https://b.example.com/hook',
        description: null,
        eventTypes: [],
        resourceTypes: ['ticket'],
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      url: 'https://b.example.com/hook',
      description: null,
      eventTypes: [],
      resourceTypes: ['ticket'],
      channels: ['chat'],
      updatedAt: clock.now(),
      createdAt: clock.now() - 1000,
    });
    expect(await auditActions(server, credentialId)).toEqual(['webhook.create', 'webhook.update']);
  });

  it('pauses and resumes', async () => {
    const { server, key } = await setup();
    const created = await request(server, 'POST /api/v1/webhooks', {
      key,
      body: { url: 'https://a.example.com' },
    });
    const path = `PATCH /api/v1/webhooks/${created.body.id}`;
    expect((await request(server, path, { key, body: { status: 'paused' } })).body.status).toBe('paused');
    expect((await request(server, path, { key, body: { status: 'active' } })).body.status).toBe('active');
  });

  it('refuses an empty body, status disabled and a bad URL with 400', async () => {
    const { server, key } = await setup();
    const created = await request(server, 'POST /api/v1/webhooks', {
      key,
      body: { url: 'https://a.example.com' },
    });
    for (const body of [{}, { status: 'disabled' }, { url: 'mailto:me@example.com' }]) {
      const response = await request(server, `PATCH /api/v1/webhooks/${created.body.id}`, { key, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.code).toBe('validation_failed');
    }
  });
});

describe('DELETE /webhooks/{webhookId}', () => {
  it('deletes the subscription; it is a 404 afterwards', async () => {
    const { server, key, credentialId } = await setup();
    const created = await request(server, 'POST /api/v1/webhooks', {
      key,
      body: { url: 'https://a.example.com' },
    });
    const deleted = await request(server, `DELETE /api/v1/webhooks/${created.body.id}`, { key });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id: created.body.id, deleted: true });
    expect((await request(server, `GET /api/v1/webhooks/${created.body.id}`, { key })).status).toBe(404);
    expect((await request(server, `DELETE /api/v1/webhooks/${created.body.id}`, { key })).status).toBe(404);
    expect(await auditActions(server, credentialId)).toEqual(['webhook.create', 'webhook.delete']);
  });
});

describe('POST /webhooks/{webhookId}/rotate-secret', () => {
  it('returns a new secret once; the previous one keeps signing for 24 h by default', async () => {
    const { server, key, clock, credentialId } = await setup();
    const created = await request(server, 'POST /api/v1/webhooks', {
      key,
      body: { url: 'https://a.example.com' },
    });
    clock.set(clock.now() + HOUR);
    const rotated = await request(server, `POST /api/v1/webhooks/${created.body.id}/rotate-secret`, { key });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({
      id: created.body.id,
      secret: expect.stringMatching(SECRET),
      secretPrefix: rotated.body.secret.slice(0, 14),
      previousSecretExpiresAt: clock.now() + 24 * HOUR,
      updatedAt: clock.now(),
    });
    expect(rotated.body.secret).not.toBe(created.body.secret);
    const read = await request(server, `GET /api/v1/webhooks/${created.body.id}`, { key });
    expect(read.body.secretPrefix).toBe(rotated.body.secretPrefix);
    expect(read.body).not.toHaveProperty('secret');
    expect(await auditActions(server, credentialId)).toEqual(['webhook.create', 'webhook.rotate_secret']);
  });

  it('shortens the overlap with expireCurrentInSeconds, and 0 retires the current secret at once', async () => {
    const { server, key, clock } = await setup();
    const created = await request(server, 'POST /api/v1/webhooks', {
      key,
      body: { url: 'https://a.example.com' },
    });
    const path = `POST /api/v1/webhooks/${created.body.id}/rotate-secret`;
    const hour = await request(server, path, { key, body: { expireCurrentInSeconds: 3600 } });
    expect(hour.body.previousSecretExpiresAt).toBe(clock.now() + HOUR);
    const now = await request(server, path, { key, body: { expireCurrentInSeconds: 0 } });
    expect(now.body.previousSecretExpiresAt).toBe(clock.now());
    const tooLong = await request(server, path, { key, body: { expireCurrentInSeconds: 86_401 } });
    expect(tooLong.status).toBe(400);
  });
});

describe('POST /webhooks/{webhookId}/test', () => {
  it('queues a webhook.test delivery (202, pending, no attempt yet) and records the event in the feed', async () => {
    const { server, key, clock, credentialId } = await setup();
    // Nothing listens on port 9: the attempt fails, which this test does not look at.
    const created = await request(server, 'POST /api/v1/webhooks', {
      key,
      body: { url: 'http://127.0.0.1:9/x' },
    });
    const response = await request(server, `POST /api/v1/webhooks/${created.body.id}/test`, { key });
    expect(response.status).toBe(202);
    expect(response.headers.get('location')).toBe(`/api/v1/webhook-deliveries/${response.body.id}`);
    expect(response.body).toMatchObject({
      webhookId: created.body.id,
      eventType: 'webhook.test',
      status: 'pending',
      attemptCount: 0,
      maxAttempts: 5,
      nextAttemptAt: clock.now(),
      replayOf: null,
      lastAttempt: null,
      completedAt: null,
    });
    const feed = await request(server, 'GET /api/v1/events?types=webhook.test', { key });
    expect(feed.body.data).toEqual([
      {
        id: response.body.eventId,
        type: 'webhook.test',
        createdAt: clock.now(),
        workspaceId: created.body.workspaceId,
        resource: { type: 'webhook', id: created.body.id },
        data: { webhookId: created.body.id, message: expect.any(String) },
      },
    ]);
    await server.deliveries.idle();
    expect(await auditActions(server, credentialId)).toEqual(['webhook.create', 'webhook.test']);
  });
});

describe('webhook subscriptions of another workspace', () => {
  it('are 404 for every operation', async () => {
    const { server, key } = await setup();
    const created = await request(server, 'POST /api/v1/webhooks', {
      key,
      body: { url: 'https://a.example.com' },
    });
    const other = await foreignKey(server);
    const id = created.body.id;
    for (const [line, body] of [
      [`GET /api/v1/webhooks/${id}`, undefined],
      [`PATCH /api/v1/webhooks/${id}`, { status: 'paused' }],
      [`DELETE /api/v1/webhooks/${id}`, undefined],
      [`POST /api/v1/webhooks/${id}/rotate-secret`, undefined],
      [`POST /api/v1/webhooks/${id}/test`, undefined],
    ] as const) {
      const response = await request(server, line, { key: other, ...(body ? { body } : {}) });
      expect(response.status, line).toBe(404);
      expect(response.body.code).toBe('not_found');
    }
    expect((await request(server, 'GET /api/v1/webhooks', { key: other })).body.data).toEqual([]);
  });
});
