import { describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { request, setup } from './support';

/** A conversation stored directly, for tests of the request pipeline itself. */
function insertConversation(server: MockServer, workspaceId: string, id = 'conv_test1') {
  const now = server.clock.now();
  server.store.conversations.insert({
    id,
    workspaceId,
    visitorId: null,
    assignedAgentId: null,
    status: 'open',
    channel: 'chat',
    subject: 'Hello',
    aiWorkflowState: 'none',
    aiHandoffReason: null,
    createdAt: now,
    updatedAt: now,
    lastMessageAt: null,
    lastInboundMessageAt: null,
    lastInboundMessagePreview: null,
    claimId: null,
  });
  return id;
}

describe('authentication', () => {
  it('GET /me answers the calling credential with its scopes and workspace', async () => {
    const { server, key, credentialId, workspaceId } = await setup();
    const me = await request(server, 'GET /api/v1/me', { key });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ credentialId, actorName: 'test-bot', workspace: { id: workspaceId } });
    expect(me.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it.each([
    ['no header', undefined, 'unauthenticated'],
    ['a malformed key', 'Bearer sk_nope', 'unauthenticated'],
    ['an unknown key', `Bearer osk_${'x'.repeat(48)}`, 'unauthenticated'],
  ])('refuses %s with 401 and a problem', async (_name, authorization, code) => {
    const { server } = await setup();
    const response = await request(
      server,
      'GET /api/v1/me',
      authorization ? { headers: { authorization } } : {},
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({
      code,
      status: 401,
      requestId: response.headers.get('x-request-id'),
    });
  });

  it('refuses a disabled key (403), an expired one (403) and a rotated-away one (401), each with its code', async () => {
    const { server, newKey } = await setup();
    const disabled = await newKey();
    await request(server, `POST /__control/credentials/${disabled.credentialId}/disable`);
    expect((await request(server, 'GET /api/v1/me', { key: disabled.key })).body).toMatchObject({
      status: 403,
      code: 'credential_disabled',
    });

    const expired = await newKey(undefined, { expiresAt: server.clock.now() + 1000 });
    server.clock.set(server.clock.now() + 1000);
    expect((await request(server, 'GET /api/v1/me', { key: expired.key })).body).toMatchObject({
      status: 403,
      code: 'credential_expired',
    });

    const rotated = await newKey();
    const rotation = await request(server, `POST /__control/credentials/${rotated.credentialId}/rotate`);
    expect((await request(server, 'GET /api/v1/me', { key: rotated.key })).body).toMatchObject({
      status: 401,
      code: 'credential_rotated',
    });
    expect((await request(server, 'GET /api/v1/me', { key: rotation.body.secret })).status).toBe(200);
  });

  it('checks the operation scope and names the missing one', async () => {
    const { server, newKey } = await setup();
    const { key } = await newKey(['articles.read']);
    const response = await request(server, 'GET /api/v1/conversations', { key });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'insufficient_scope', requiredScope: 'conversations.read' });
  });

  it('shows another workspace its own 404, never the record', async () => {
    const { server, workspaceId } = await setup();
    insertConversation(server, workspaceId);
    const other = await request(server, 'POST /__control/workspaces', { body: { name: 'Other' } });
    const credential = await request(server, 'POST /__control/credentials', {
      body: { workspaceId: other.body.id, name: 'Other', actorName: 'other', scopes: ['conversations.read'] },
    });
    const response = await request(server, 'GET /api/v1/conversations/conv_test1', {
      key: credential.body.secret,
    });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('not_found');
  });
});

describe('routing and validation', () => {
  it('answers unknown routes 404 and wrong methods 405 with Allow, as problems', async () => {
    const { server, key } = await setup();
    expect((await request(server, 'GET /api/v1/nope', { key })).body.code).toBe('not_found');
    const wrong = await request(server, 'DELETE /api/v1/me', { key });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  it('rejects an out-of-range limit and an unknown parameter with pointers, never clamping', async () => {
    const { server, key } = await setup();
    const response = await request(server, 'GET /api/v1/conversations?limit=101&stauts=open', { key });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/query/limit', message: 'must be <= 100' },
        { pointer: '/query/stauts', message: 'is not a known parameter' },
      ]),
    );
  });

  it('rejects a bad body: unknown field 400, bad JSON 400, wrong media type 415, too large 413', async () => {
    const { server, key, workspaceId } = await setup();
    const id = insertConversation(server, workspaceId);
    const path = `PATCH /api/v1/conversations/${id}`;
    const unknown = await request(server, path, { key, body: { status: 'closed', colour: 'red' } });
    expect(unknown.body.errors).toEqual([{ pointer: '/body/colour', message: 'is not a known property' }]);
    const malformed = await request(server, path, {
      key,
      rawBody: '{"status":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.body.code).toBe('malformed_request');
    const text = await request(server, path, {
      key,
      rawBody: 'status=closed',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    const huge = await request(server, path, { key, body: { subject: 'x'.repeat(1024 * 1024) } });
    expect(huge.status).toBe(413);
    // Nothing was changed by the rejected requests.
    expect((await request(server, `GET /api/v1/conversations/${id}`, { key })).body.status).toBe('open');
  });

  it('refuses a tampered cursor and a cursor from another list with invalid_cursor', async () => {
    const { server, key, workspaceId } = await setup();
    for (let i = 0; i < 3; i++) insertConversation(server, workspaceId, `conv_${i}`);
    const first = await request(server, 'GET /api/v1/conversations?limit=1', { key });
    expect(first.body.hasMore).toBe(true);
    const cursor: string = first.body.nextCursor;
    const tampered = `${cursor.slice(0, -2)}xx`;
    expect((await request(server, `GET /api/v1/conversations?cursor=${tampered}`, { key })).body.code).toBe(
      'invalid_cursor',
    );
    const status = await request(server, `GET /api/v1/conversations?status=open&cursor=${cursor}`, { key });
    expect(status.body.code).toBe('invalid_cursor');
  });

  it('pages newest first without skipping or repeating', async () => {
    const { server, key, workspaceId } = await setup();
    for (let i = 0; i < 7; i++) {
      insertConversation(server, workspaceId, `conv_${i}`);
      server.clock.set(server.clock.now() + 1);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<{ id: string }>; nextCursor: string | null } } = await request(
        server,
        `GET /api/v1/conversations?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        { key },
      );
      seen.push(...page.body.data.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['conv_6', 'conv_5', 'conv_4', 'conv_3', 'conv_2', 'conv_1', 'conv_0']);
  });
});

describe('rate limits', () => {
  it('allows 60 per minute per credential, then 429 with Retry-After; the window resets on the clock', async () => {
    const { server, key, clock } = await setup({ rateLimits: {} });
    for (let i = 0; i < 60; i++) {
      const ok = await request(server, 'GET /api/v1/me', { key });
      expect(ok.headers.get('ratelimit-remaining')).toBe(String(59 - i));
    }
    const limited = await request(server, 'GET /api/v1/me', { key });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    clock.set(clock.now() + 60_000);
    expect((await request(server, 'GET /api/v1/me', { key })).status).toBe(200);
  });

  it('limits the workspace at 120 across credentials, and a refused request spends neither limit', async () => {
    const { server, key, newKey } = await setup({ rateLimits: { perCredential: 3, perWorkspace: 4 } });
    const second = await newKey();
    for (let i = 0; i < 3; i++) expect((await request(server, 'GET /api/v1/me', { key })).status).toBe(200);
    // Refused by the credential limit: the workspace still has one request left for someone else.
    expect((await request(server, 'GET /api/v1/me', { key })).status).toBe(429);
    expect((await request(server, 'GET /api/v1/me', { key: second.key })).status).toBe(200);
    expect((await request(server, 'GET /api/v1/me', { key: second.key })).status).toBe(429);
  });
});

describe('idempotency', () => {
  it('replays the stored response for the same key and request, marked Idempotent-Replayed', async () => {
    const { server, key, workspaceId } = await setup();
    const id = insertConversation(server, workspaceId);
    const headers = { 'idempotency-key': 'k1' };
    const first = await request(server, `PATCH /api/v1/conversations/${id}`, {
      key,
      headers,
      body: { subject: 'A' },
    });
    server.clock.set(server.clock.now() + 5);
    const again = await request(server, `PATCH /api/v1/conversations/${id}`, {
      key,
      headers,
      body: { subject: 'A' },
    });
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
  });

  it('rejects the same key with a different body with 422, and keys are per credential', async () => {
    const { server, key, workspaceId, newKey } = await setup();
    const id = insertConversation(server, workspaceId);
    const headers = { 'idempotency-key': 'k2' };
    await request(server, `PATCH /api/v1/conversations/${id}`, { key, headers, body: { subject: 'A' } });
    const reused = await request(server, `PATCH /api/v1/conversations/${id}`, {
      key,
      headers,
      body: { subject: 'B' },
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    const other = await newKey();
    const fresh = await request(server, `PATCH /api/v1/conversations/${id}`, {
      key: other.key,
      headers,
      body: { subject: 'B' },
    });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('idempotent-replayed')).toBeNull();
  });

  it('does not store failures, and forgets keys after 24 hours of clock time', async () => {
    const { server, key, workspaceId } = await setup();
    const headers = { 'idempotency-key': 'k3' };
    const missing = await request(server, 'PATCH /api/v1/conversations/conv_missing', {
      key,
      headers,
      body: { subject: 'A' },
    });
    expect(missing.status).toBe(404);
    const id = insertConversation(server, workspaceId, 'conv_missing');
    const retried = await request(server, `PATCH /api/v1/conversations/${id}`, {
      key,
      headers,
      body: { subject: 'A' },
    });
    expect(retried.status).toBe(200);
    await server.scheduler.advanceBy(24 * 60 * 60 * 1000);
    const later = await request(server, `PATCH /api/v1/conversations/${id}`, {
      key,
      headers,
      body: { subject: 'C' },
    });
    expect(later.status).toBe(200);
    expect(later.body.subject).toBe('C');
  });
});
