import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { openapiDocument } from '../src/generated/openapi-document';
import type { MockServer } from '../src/index';
import { ALL_SCOPES, request, setup } from './support';

/**
 * The event ledger of a workspace, oldest first. Read from the store because the event feed is
 * another module; what matters here is what the simulations appended.
 */
function eventsOf(server: MockServer, workspaceId: string) {
  return [...server.store.events.index('sequence').scan([workspaceId])].map((e) => ({
    type: e.type,
    resource: e.resource,
    data: e.data,
  }));
}

async function seed(server: MockServer, body: Record<string, unknown> = { preset: 'demo' }) {
  const response = await request(server, 'POST /__control/seed', { body });
  expect(response.status).toBe(201);
  return response.body as {
    workspace: { id: string; name: string };
    credential: { id: string; secret: string; scopes: string[] };
    counts: Record<string, number>;
  };
}

async function newConversation(server: MockServer, workspaceId: string, extra: Record<string, unknown> = {}) {
  return request(server, 'POST /__control/conversations', {
    body: { workspaceId, channel: 'chat', subject: 'Refund', content: 'I was charged twice.', ...extra },
  });
}

describe('POST /__control/seed', () => {
  it('seeds the demo workspace with an all-scopes key whose secret works once shown', async () => {
    const { server } = await setup();
    const demo = await seed(server);
    expect(demo.workspace.name).toBe('Demo workspace');
    expect(demo.counts).toEqual({ visitors: 5, conversations: 7, articles: 8, collections: 3 });
    expect(demo.credential.scopes).toEqual([...ALL_SCOPES]);
    const me = await request(server, 'GET /api/v1/me', { key: demo.credential.secret });
    expect(me.body).toMatchObject({
      actorName: 'demo-bot',
      workspace: { id: demo.workspace.id, name: 'Demo workspace' },
    });
    const stored = await request(server, `GET /__control/credentials/${demo.credential.id}`);
    expect(stored.body.secret).toBeUndefined();
  });

  it('gives the demo open conversations with unanswered visitor messages, ready to claim, and a closed one', async () => {
    const { server } = await setup();
    const { credential } = await seed(server);
    const key = credential.secret;
    const open = await request(server, 'GET /api/v1/conversations?status=open', { key });
    expect(open.body.data).toHaveLength(6);
    for (const conversation of open.body.data) {
      expect(conversation).toMatchObject({ automationEligible: true, claim: null, aiWorkflowState: 'none' });
      expect(conversation.lastInboundMessagePreview).toEqual(expect.any(String));
      expect(conversation.lastInboundMessageAt).toBeLessThan(server.clock.now());
      const messages = await request(server, `GET /api/v1/conversations/${conversation.id}/messages`, {
        key,
      });
      const last = messages.body.data
        .filter((m: { senderType: string }) => m.senderType === 'visitor')
        .at(-1);
      expect(last).toMatchObject({
        content: expect.stringContaining(conversation.lastInboundMessagePreview),
        createdAt: conversation.lastInboundMessageAt,
      });
      expect(messages.body.data.at(-1).createdAt).toBe(conversation.lastMessageAt);
    }
    const closed = await request(server, 'GET /api/v1/conversations?status=closed', { key });
    expect(closed.body.data.map((c: { subject: string }) => c.subject)).toEqual(['Change billing email']);
  });

  it('writes visitors, collections and articles that match their spec schemas, with unique slugs', async () => {
    const { server } = await setup();
    const { workspace } = await seed(server);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    // ajv-formats is CommonJS; its default export arrives wrapped under some loaders.
    const formats = addFormats as unknown as { default?: (a: Ajv2020) => void } & ((a: Ajv2020) => void);
    (formats.default ?? formats)(ajv);
    ajv.addSchema(openapiDocument, 'doc');
    const check = (schema: string, row: unknown) => {
      const validate = ajv.compile({ $ref: `doc#/components/schemas/${schema}` });
      expect(validate(row), `${schema}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    };
    const articles = [...server.store.articles.values()];
    for (const visitor of server.store.visitors.values()) check('Visitor', visitor);
    for (const collection of server.store.collections.values()) {
      const articleCount = articles.filter((a) => a.collectionId === collection.id).length;
      check('Collection', { ...collection, articleCount });
      expect(server.store.unique.get(`${workspace.id}:collection-slug:${collection.slug}`)).toBe(
        collection.id,
      );
    }
    for (const article of articles) {
      check('Article', article);
      expect(server.store.unique.get(`${workspace.id}:article-slug:${article.slug}`)).toBe(article.id);
      expect(article.publishedAt === null).toBe(article.status !== 'published');
    }
    expect(articles.filter((a) => a.status === 'published')).toHaveLength(6);
    expect(new Set(articles.map((a) => a.slug)).size).toBe(articles.length);
    // Within each collection the order runs 0, 1, 2, ...
    const orders = new Map<string, number[]>();
    for (const a of articles)
      orders.set(a.collectionId ?? '', [...(orders.get(a.collectionId ?? '') ?? []), a.order]);
    for (const list of orders.values()) expect(list.sort()).toEqual(list.map((_, i) => i));
  });

  it('seeds the same content every time, with new IDs, and emits no events', async () => {
    const { server } = await setup();
    const first = await seed(server);
    const second = await seed(server);
    expect(second.workspace.id).not.toBe(first.workspace.id);
    const subjects = async (key: string) =>
      (await request(server, 'GET /api/v1/conversations', { key })).body.data.map(
        (c: { subject: string; createdAt: number }) => [c.subject, c.createdAt],
      );
    expect(await subjects(second.credential.secret)).toEqual(await subjects(first.credential.secret));
    expect(eventsOf(server, first.workspace.id)).toEqual([]);
    expect(eventsOf(server, second.workspace.id)).toEqual([]);
  });

  it('seeds an empty, named workspace with its key', async () => {
    const { server } = await setup();
    const empty = await seed(server, { preset: 'empty', workspaceName: 'Acme Support' });
    expect(empty.workspace.name).toBe('Acme Support');
    expect(empty.counts).toEqual({ visitors: 0, conversations: 0, articles: 0, collections: 0 });
    const list = await request(server, 'GET /api/v1/conversations', { key: empty.credential.secret });
    expect(list.body.data).toEqual([]);
    expect((await seed(server, { preset: 'empty' })).workspace.name).toBe('Empty workspace');
  });

  it('refuses an unknown preset with 400 validation_failed', async () => {
    const { server } = await setup();
    const response = await request(server, 'POST /__control/seed', { body: { preset: 'huge' } });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].pointer).toBe('/body/preset');
  });
});

describe('the control clock', () => {
  it('GET /__control/clock shows the time and the scheduler queue', async () => {
    const { server, key, workspaceId } = await setup();
    expect((await request(server, 'GET /__control/clock')).body).toEqual({
      now: Date.UTC(2026, 0, 1),
      pendingTasks: 0,
      nextTaskAt: null,
    });
    // An idempotent write schedules its key's expiry 24 hours later.
    const conversation = (await newConversation(server, workspaceId)).body.conversation;
    await request(server, `PATCH /api/v1/conversations/${conversation.id}`, {
      key,
      headers: { 'idempotency-key': 'k1' },
      body: { subject: 'A' },
    });
    expect((await request(server, 'GET /__control/clock')).body).toEqual({
      now: Date.UTC(2026, 0, 1),
      pendingTasks: 1,
      nextTaskAt: Date.UTC(2026, 0, 2),
    });
  });

  it('advances by ms, running due tasks at their own time, and reports what ran', async () => {
    const { server } = await setup();
    const start = server.clock.now();
    const ranAt: number[] = [];
    server.scheduler.schedule(start + 1_000, () => {
      ranAt.push(server.clock.now());
      // A task scheduled by a task runs too when it falls due within the advance.
      server.scheduler.schedule(server.clock.now() + 1_000, () => {
        ranAt.push(server.clock.now());
      });
    });
    server.scheduler.schedule(start + 60_000, () => {
      ranAt.push(server.clock.now());
    });
    const response = await request(server, 'POST /__control/clock/advance', { body: { ms: 5_000 } });
    expect(response.body).toEqual({
      now: start + 5_000,
      ranTasks: 2,
      pendingTasks: 1,
      nextTaskAt: start + 60_000,
    });
    expect(ranAt).toEqual([start + 1_000, start + 2_000]);
  });

  it('advances to an instant; the same instant runs due tasks only; an earlier one is 409 conflict', async () => {
    const { server } = await setup();
    const start = server.clock.now();
    const moved = await request(server, 'POST /__control/clock/advance', { body: { to: start + 60_000 } });
    expect(moved.body).toMatchObject({ now: start + 60_000, ranTasks: 0 });
    let ran = 0;
    server.scheduler.schedule(start, () => {
      ran++;
    });
    const same = await request(server, 'POST /__control/clock/advance', { body: { to: start + 60_000 } });
    expect(same.body).toMatchObject({ now: start + 60_000, ranTasks: 1 });
    expect(ran).toBe(1);
    const back = await request(server, 'POST /__control/clock/advance', { body: { to: start } });
    expect(back.status).toBe(409);
    expect(back.body).toMatchObject({
      code: 'conflict',
      detail: expect.stringContaining(String(start + 60_000)),
    });
    expect(server.clock.now()).toBe(start + 60_000);
  });

  it('refuses both ms and to, a negative ms and an empty body with 400', async () => {
    const { server } = await setup();
    for (const body of [{ ms: 1, to: 2 }, { ms: -1 }, {}]) {
      const response = await request(server, 'POST /__control/clock/advance', { body });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('validation_failed');
    }
  });
});

describe('simulations', () => {
  it('POST /__control/conversations creates a visitor, the conversation and its first message, with events', async () => {
    const { server, key, workspaceId } = await setup();
    const response = await newConversation(server, workspaceId, {
      visitor: { name: 'Dana Whitfield', email: 'dana@example.org' },
    });
    expect(response.status).toBe(201);
    const { conversation, message } = response.body;
    const now = server.clock.now();
    expect(response.headers.get('location')).toBe(`/api/v1/conversations/${conversation.id}`);
    expect(conversation).toMatchObject({
      workspaceId,
      status: 'open',
      channel: 'chat',
      subject: 'Refund',
      automationEligible: true,
      claim: null,
      createdAt: now,
      lastMessageAt: now,
      lastInboundMessageAt: now,
      lastInboundMessagePreview: 'I was charged twice.',
    });
    expect(message).toEqual({
      id: expect.stringMatching(/^msg_/),
      conversationId: conversation.id,
      senderType: 'visitor',
      senderId: conversation.visitorId,
      actorName: null,
      content: 'I was charged twice.',
      createdAt: now,
    });
    expect((await request(server, `GET /api/v1/conversations/${conversation.id}`, { key })).body).toEqual(
      conversation,
    );
    const events = eventsOf(server, workspaceId);
    expect(events.map((e) => e.type)).toEqual(['visitor.created', 'conversation.created', 'message.created']);
    expect(events[0]?.data).toMatchObject({
      id: conversation.visitorId,
      name: 'Dana Whitfield',
      email: 'dana@example.org',
    });
    expect(events[1]).toEqual({
      type: 'conversation.created',
      resource: { type: 'conversation', id: conversation.id },
      data: conversation,
    });
    expect(events[2]).toEqual({
      type: 'message.created',
      resource: { type: 'message', id: message.id },
      data: message,
    });
  });

  it('starts a conversation for an existing visitor without creating one', async () => {
    const { server, workspaceId } = await setup();
    const first = (await newConversation(server, workspaceId)).body.conversation;
    const second = await newConversation(server, workspaceId, {
      visitorId: first.visitorId,
      channel: 'email',
    });
    expect(second.body.conversation).toMatchObject({ visitorId: first.visitorId, channel: 'email' });
    const types = eventsOf(server, workspaceId).map((e) => e.type);
    expect(types.filter((t) => t === 'visitor.created')).toHaveLength(1);
  });

  it('answers 404 for an unknown workspace or a visitor of another workspace, 400 for visitorId with visitor', async () => {
    const { server, workspaceId } = await setup();
    const missing = await newConversation(server, 'ws_missing');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not_found');
    const other = (await request(server, 'POST /__control/workspaces', { body: { name: 'Other' } })).body;
    const theirs = (await newConversation(server, other.id)).body.conversation;
    const foreign = await newConversation(server, workspaceId, { visitorId: theirs.visitorId });
    expect(foreign.status).toBe(404);
    const both = await newConversation(server, workspaceId, {
      visitorId: theirs.visitorId,
      visitor: { name: 'X' },
    });
    expect(both.status).toBe(400);
    expect(eventsOf(server, workspaceId)).toEqual([]);
  });

  it('a visitor message updates the inbound fields and preview (200 characters), emitting message.created', async () => {
    const { server, key, workspaceId } = await setup();
    const conversation = (await newConversation(server, workspaceId)).body.conversation;
    server.clock.set(server.clock.now() + 60_000);
    const content = `${'é'.repeat(199)}😀 and more`;
    const response = await request(
      server,
      `POST /__control/conversations/${conversation.id}/visitor-messages`,
      {
        body: { content },
      },
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ senderType: 'visitor', senderId: conversation.visitorId, content });
    const now = server.clock.now();
    const after = (await request(server, `GET /api/v1/conversations/${conversation.id}`, { key })).body;
    expect(after).toMatchObject({
      status: 'open',
      updatedAt: now,
      lastMessageAt: now,
      lastInboundMessageAt: now,
      lastInboundMessagePreview: `${'é'.repeat(199)}😀`,
    });
    expect(
      eventsOf(server, workspaceId)
        .map((e) => e.type)
        .slice(3),
    ).toEqual(['message.created']);
  });

  it('a visitor message reopens a closed conversation and emits conversation.updated', async () => {
    const { server, key, workspaceId } = await setup();
    const conversation = (await newConversation(server, workspaceId)).body.conversation;
    await request(server, `PATCH /api/v1/conversations/${conversation.id}`, {
      key,
      body: { status: 'closed' },
    });
    const before = eventsOf(server, workspaceId).length;
    await request(server, `POST /__control/conversations/${conversation.id}/visitor-messages`, {
      body: { content: 'Still broken.' },
    });
    const events = eventsOf(server, workspaceId).slice(before);
    expect(events.map((e) => e.type)).toEqual(['message.created', 'conversation.updated']);
    expect(events[1]?.data).toMatchObject({ status: 'open', lastInboundMessagePreview: 'Still broken.' });
  });

  it('an agent reply is an agent message that leaves status, assignment and inbound fields alone', async () => {
    const { server, key, workspaceId } = await setup();
    const conversation = (await newConversation(server, workspaceId)).body.conversation;
    server.clock.set(server.clock.now() + 1_000);
    const reply = await request(server, `POST /__control/conversations/${conversation.id}/agent-replies`, {
      body: { agentId: 'agt_mara', content: "Hi, I'm looking into this now." },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ senderType: 'agent', senderId: 'agt_mara', actorName: null });
    const after = (await request(server, `GET /api/v1/conversations/${conversation.id}`, { key })).body;
    expect(after).toMatchObject({
      status: 'open',
      assignedAgentId: null,
      lastMessageAt: server.clock.now(),
      lastInboundMessageAt: conversation.lastInboundMessageAt,
    });
    expect(eventsOf(server, workspaceId).at(-1)).toMatchObject({ type: 'message.created', data: reply.body });
  });

  it('answers 404 for an unknown conversation and 400 for an empty message', async () => {
    const { server, workspaceId } = await setup();
    const bodies = {
      'visitor-messages': { content: 'Hello' },
      'agent-replies': { agentId: 'agt_mara', content: 'Hello' },
    };
    for (const [path, body] of Object.entries(bodies)) {
      const missing = await request(server, `POST /__control/conversations/conv_missing/${path}`, { body });
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('not_found');
    }
    const conversation = (await newConversation(server, workspaceId)).body.conversation;
    const empty = await request(server, `POST /__control/conversations/${conversation.id}/visitor-messages`, {
      body: { content: '' },
    });
    expect(empty.status).toBe(400);
  });
});

describe('GET /__control/audit-log', () => {
  it('lists entries newest first, with the credential, actor and request of public API writes', async () => {
    const { server, key, workspaceId, credentialId } = await setup();
    const conversation = (await newConversation(server, workspaceId)).body.conversation;
    server.clock.set(server.clock.now() + 1_000);
    const patch = await request(server, `PATCH /api/v1/conversations/${conversation.id}`, {
      key,
      body: { subject: 'Renamed' },
    });
    const log = await request(server, 'GET /__control/audit-log');
    expect(log.body.data).toEqual([
      {
        id: expect.stringMatching(/^aud_/),
        workspaceId,
        credentialId,
        actorName: 'test-bot',
        action: 'conversation.update',
        target: { type: 'conversation', id: conversation.id },
        requestId: patch.headers.get('x-request-id'),
        createdAt: server.clock.now(),
      },
      expect.objectContaining({ action: 'credential.create', credentialId: null, actorName: null }),
    ]);
  });

  it('filters by workspace, credential and action (exact or resource.*), combined with AND', async () => {
    const { server, key, workspaceId, credentialId, newKey } = await setup();
    // A millisecond between writes: entries of the same millisecond have no defined order.
    const tick = () => server.clock.set(server.clock.now() + 1);
    tick();
    const other = await seed(server, { preset: 'empty' });
    tick();
    const second = await newKey();
    tick();
    await request(server, `POST /__control/credentials/${second.credentialId}/disable`);
    tick();
    const conversation = (await newConversation(server, workspaceId)).body.conversation;
    await request(server, `PATCH /api/v1/conversations/${conversation.id}`, { key, body: { subject: 'A' } });
    const actions = async (query: string) =>
      (await request(server, `GET /__control/audit-log?${query}`)).body.data.map(
        (e: { action: string }) => e.action,
      );
    expect(await actions(`workspaceId=${other.workspace.id}`)).toEqual(['credential.create']);
    expect(await actions(`workspaceId=${workspaceId}&action=credential.*`)).toEqual([
      'credential.disable',
      'credential.create',
      'credential.create',
    ]);
    expect(await actions('action=credential.create')).toHaveLength(3);
    expect(await actions(`credentialId=${credentialId}`)).toEqual(['conversation.update']);
    expect(await actions(`credentialId=${credentialId}&workspaceId=${other.workspace.id}`)).toEqual([]);
    expect(await actions('credentialId=cred_missing')).toEqual([]);
  });

  it('pages with a cursor and refuses a malformed action filter', async () => {
    const { server, newKey } = await setup();
    for (let i = 0; i < 4; i++) {
      server.clock.set(server.clock.now() + 1);
      await newKey();
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<{ id: string }>; nextCursor: string | null } } = await request(
        server,
        `GET /__control/audit-log?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.data.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const bad = await request(server, 'GET /__control/audit-log?action=Claim');
    expect(bad.status).toBe(400);
  });
});
