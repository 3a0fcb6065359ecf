import { describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { ALL_SCOPES, request, setup, type TestWorkspace } from './support';

const MINUTE = 60_000;

/** A conversation started by a visitor through the control API; returns its ID. */
async function startConversation(server: MockServer, workspaceId: string): Promise<string> {
  const response = await request(server, 'POST /__control/conversations', {
    body: { workspaceId, channel: 'chat', content: 'I was charged twice.' },
  });
  expect(response.status).toBe(201);
  return response.body.conversation.id;
}

/** The test workspace, one open conversation, and a second bot (`billing-bot`) besides `test-bot`. */
async function claimable(): Promise<TestWorkspace & { id: string; other: string }> {
  const workspace = await setup();
  const id = await startConversation(workspace.server, workspace.workspaceId);
  const { key: other } = await workspace.newKey(ALL_SCOPES, { actorName: 'billing-bot' });
  return { ...workspace, id, other };
}

const claim = (server: MockServer, key: string, id: string, body?: unknown) =>
  request(server, `POST /api/v1/conversations/${id}/claim`, { key, body });
const claimAction = (server: MockServer, key: string, id: string, action: string, body?: unknown) =>
  request(server, `POST /api/v1/conversations/${id}/claim/${action}`, { key, body });
const send = (server: MockServer, key: string, id: string, content = 'On it.') =>
  request(server, `POST /api/v1/conversations/${id}/messages`, { key, body: { content } });
const getConversation = (server: MockServer, key: string, id: string) =>
  request(server, `GET /api/v1/conversations/${id}`, { key });

/** The ledger so far (until GET /events exists): type and data of each event, oldest first. */
// biome-ignore lint/suspicious/noExplicitAny: tests assert on loosely typed event data
const events = (server: MockServer): Array<{ type: string; resource: { id: string }; data: any }> =>
  [...server.store.events.values()].sort((a, b) => a.seq - b.seq);
const eventTypes = (server: MockServer) =>
  events(server)
    .map((event) => event.type)
    .filter((type) => type.startsWith('conversation.') && type !== 'conversation.created');

describe('POST /conversations/{id}/claim', () => {
  it('takes a five-minute lease by default and shows it on the conversation', async () => {
    const { server, key, credentialId, id } = await claimable();
    const now = server.clock.now();
    const response = await claim(server, key, id);
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBeNull();
    expect(response.body).toMatchObject({
      conversationId: id,
      actorName: 'test-bot',
      credentialId,
      status: 'active',
      leaseSeconds: 300,
      createdAt: now,
      expiresAt: now + 5 * MINUTE,
      endedAt: null,
    });
    const conversation = await getConversation(server, key, id);
    expect(conversation.body).toMatchObject({
      claim: {
        claimId: response.body.claimId,
        actorName: 'test-bot',
        credentialId,
        expiresAt: now + 5 * MINUTE,
      },
      automationEligible: false,
    });
    const claimed = events(server).filter((event) => event.type === 'conversation.claimed');
    expect(claimed).toHaveLength(1);
    expect(claimed[0]?.resource.id).toBe(id);
    expect(claimed[0]?.data.claim).toEqual(response.body);
    expect(claimed[0]?.data.conversation.claim.claimId).toBe(response.body.claimId);
  });

  it('renews the lease when the caller already holds it: 200, same claim, no second event', async () => {
    const { server, key, id } = await claimable();
    const first = await claim(server, key, id, { leaseSeconds: 60 });
    await server.scheduler.advanceBy(30_000);
    const again = await claim(server, key, id, { leaseSeconds: 120 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      claimId: first.body.claimId,
      leaseSeconds: 120,
      expiresAt: server.clock.now() + 2 * MINUTE,
    });
    expect(eventTypes(server)).toEqual(['conversation.claimed']);
  });

  it('answers claim_conflict naming the holder and its expiry', async () => {
    const { server, key, other, id } = await claimable();
    const held = await claim(server, key, id);
    const second = await claim(server, other, id);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      code: 'claim_conflict',
      holder: { actorName: 'test-bot', expiresAt: held.body.expiresAt },
    });
  });

  it('lets exactly one of two concurrent claims win', async () => {
    const { server, key, other, id } = await claimable();
    const [a, b] = await Promise.all([claim(server, key, id), claim(server, other, id)]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const winner = a.status === 201 ? a : b;
    const loser = a.status === 201 ? b : a;
    expect(loser.body.holder.actorName).toBe(winner.body.actorName);
    const conversation = await getConversation(server, key, id);
    expect(conversation.body.claim.claimId).toBe(winner.body.claimId);
    expect(eventTypes(server)).toEqual(['conversation.claimed']);
  });

  it('refuses closed and snoozed conversations with conversation_not_open', async () => {
    const { server, key, workspaceId } = await claimable();
    for (const status of ['closed', 'snoozed']) {
      const id = await startConversation(server, workspaceId);
      await request(server, `PATCH /api/v1/conversations/${id}`, { key, body: { status } });
      const response = await claim(server, key, id);
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('conversation_not_open');
    }
  });

  it('refuses a conversation waiting for a human', async () => {
    const { server, key, other, id } = await claimable();
    await claim(server, key, id);
    await claimAction(server, key, id, 'escalate');
    const response = await claim(server, other, id);
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('invalid_transition');
  });

  it('validates leaseSeconds (30–900)', async () => {
    const { server, key, id } = await claimable();
    for (const leaseSeconds of [29, 901, 1.5]) {
      const response = await claim(server, key, id, { leaseSeconds });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].pointer).toBe('/body/leaseSeconds');
    }
  });

  it("is a 404 for another workspace's conversation and needs claims.manage", async () => {
    const { server, key, id, newKey } = await claimable();
    const foreign = await request(server, 'POST /__control/workspaces', { body: { name: 'Other' } });
    const foreignKey = await request(server, 'POST /__control/credentials', {
      body: { workspaceId: foreign.body.id, name: 'Other bot', actorName: 'other-bot', scopes: ALL_SCOPES },
    });
    const response = await claim(server, foreignKey.body.secret, id);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('not_found');
    const { key: reader } = await newKey(['conversations.read']);
    const refused = await claim(server, reader, id);
    expect(refused.status).toBe(403);
    expect(refused.body.requiredScope).toBe('claims.manage');
    expect((await getConversation(server, key, id)).body.claim).toBeNull();
  });
});

describe('leases on the clock', () => {
  it('lapse after leaseSeconds: claim_expired event, claim.expire audit, conversation free again', async () => {
    const { server, key, other, id } = await claimable();
    const held = await claim(server, key, id, { leaseSeconds: 60 });
    await server.scheduler.advanceBy(MINUTE - 1);
    expect((await getConversation(server, key, id)).body.claim).not.toBeNull();
    expect(eventTypes(server)).toEqual(['conversation.claimed']);
    await server.scheduler.advanceBy(1);
    const conversation = await getConversation(server, key, id);
    expect(conversation.body).toMatchObject({ claim: null, automationEligible: true });
    const expired = events(server).find((event) => event.type === 'conversation.claim_expired');
    expect(expired?.data.claim).toMatchObject({
      claimId: held.body.claimId,
      status: 'expired',
      expiresAt: held.body.expiresAt,
      endedAt: held.body.expiresAt,
    });
    expect(expired?.data.conversation).toMatchObject({ claim: null, automationEligible: true });
    const audit = await request(server, 'GET /__control/audit-log?action=claim.expire');
    expect(audit.body.data).toEqual([
      expect.objectContaining({
        credentialId: null,
        actorName: null,
        requestId: null,
        target: { type: 'conversation', id },
      }),
    ]);
    expect((await claim(server, other, id)).status).toBe(201);
  });

  it('renewal moves the expiry and leaves no stale task behind', async () => {
    const { server, key, id } = await claimable();
    await claim(server, key, id, { leaseSeconds: 60 });
    await server.scheduler.advanceBy(50_000);
    const renewed = await claimAction(server, key, id, 'renew');
    expect(renewed.status).toBe(200);
    expect(renewed.body).toMatchObject({ leaseSeconds: 60, expiresAt: server.clock.now() + MINUTE });
    const clock = await request(server, 'GET /__control/clock');
    expect(clock.body).toMatchObject({ pendingTasks: 1, nextTaskAt: renewed.body.expiresAt });
    await server.scheduler.advanceBy(50_000);
    expect(eventTypes(server)).toEqual(['conversation.claimed']);
    await server.scheduler.advanceBy(10_000);
    expect(eventTypes(server)).toEqual(['conversation.claimed', 'conversation.claim_expired']);
  });

  it('renew takes a new leaseSeconds, which later sends keep', async () => {
    const { server, key, id } = await claimable();
    await claim(server, key, id, { leaseSeconds: 60 });
    const renewed = await claimAction(server, key, id, 'renew', { leaseSeconds: 600 });
    expect(renewed.body).toMatchObject({ leaseSeconds: 600, expiresAt: server.clock.now() + 10 * MINUTE });
    await server.scheduler.advanceBy(9 * MINUTE);
    expect((await send(server, key, id)).status).toBe(201);
    const conversation = await getConversation(server, key, id);
    expect(conversation.body.claim.expiresAt).toBe(server.clock.now() + 10 * MINUTE);
  });

  it('a send extends the lease by its leaseSeconds', async () => {
    const { server, key, id } = await claimable();
    await claim(server, key, id, { leaseSeconds: 60 });
    await server.scheduler.advanceBy(50_000);
    expect((await send(server, key, id)).status).toBe(201);
    await server.scheduler.advanceBy(50_000);
    expect((await send(server, key, id)).status).toBe(201);
    await server.scheduler.advanceBy(MINUTE);
    expect(eventTypes(server)).toEqual(['conversation.claimed', 'conversation.claim_expired']);
  });

  it('after a lapse, send, renew, release and escalate are claim_expired', async () => {
    const { server, key, id } = await claimable();
    const held = await claim(server, key, id, { leaseSeconds: 30 });
    await server.scheduler.advanceBy(30_000);
    const responses = [
      await send(server, key, id),
      await claimAction(server, key, id, 'renew'),
      await claimAction(server, key, id, 'release'),
      await claimAction(server, key, id, 'escalate'),
    ];
    for (const response of responses) {
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('claim_expired');
      expect(response.body.detail).toContain(String(held.body.expiresAt));
    }
  });

  it('treats a lease as lapsed even when the clock was set without running tasks', async () => {
    const { server, key, other, id } = await claimable();
    await claim(server, key, id, { leaseSeconds: 30 });
    server.clock.set(server.clock.now() + MINUTE);
    expect((await send(server, key, id)).body.code).toBe('claim_expired');
    expect((await getConversation(server, key, id)).body.automationEligible).toBe(true);
    expect((await claim(server, other, id)).status).toBe(201);
    // The lapse is recorded before the new claim, and only once.
    await server.scheduler.advanceBy(0);
    expect(eventTypes(server)).toEqual([
      'conversation.claimed',
      'conversation.claim_expired',
      'conversation.claimed',
    ]);
  });
});

describe('POST /conversations/{id}/messages', () => {
  it('sends as automation:<actorName> for the claim holder, emits message.created and audits', async () => {
    const { server, key, id } = await claimable();
    await claim(server, key, id);
    const response = await send(server, key, id, 'I refunded the duplicate charge.');
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBeNull();
    expect(response.body).toMatchObject({
      conversationId: id,
      senderType: 'automation',
      senderId: 'automation:test-bot',
      actorName: 'test-bot',
      content: 'I refunded the duplicate charge.',
      createdAt: server.clock.now(),
    });
    const list = await request(server, `GET /api/v1/conversations/${id}/messages`, { key });
    expect(list.body.data.at(-1)).toEqual(response.body);
    const created = events(server).filter((event) => event.type === 'message.created');
    expect(created.at(-1)?.data).toEqual(response.body);
    const audit = await request(server, 'GET /__control/audit-log?action=message.send');
    expect(audit.body.data[0].target).toEqual({ type: 'message', id: response.body.id });
  });

  it('is claim_required without a claim and claim_conflict while another credential holds it', async () => {
    const { server, key, other, id } = await claimable();
    const unclaimed = await send(server, key, id);
    expect(unclaimed.status).toBe(409);
    expect(unclaimed.body.code).toBe('claim_required');
    await claim(server, other, id);
    const conflict = await send(server, key, id);
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ code: 'claim_conflict', holder: { actorName: 'billing-bot' } });
    const list = await request(server, `GET /api/v1/conversations/${id}/messages`, { key });
    expect(list.body.data.map((m: { senderType: string }) => m.senderType)).toEqual(['visitor']);
  });

  it('never posts twice for a retried Idempotency-Key', async () => {
    const { server, key, id } = await claimable();
    await claim(server, key, id);
    const headers = { 'Idempotency-Key': 'send-1' };
    const body = { content: 'Once.' };
    const path = `POST /api/v1/conversations/${id}/messages`;
    const first = await request(server, path, { key, body, headers });
    const retry = await request(server, path, { key, body, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    const list = await request(server, `GET /api/v1/conversations/${id}/messages`, { key });
    expect(list.body.data).toHaveLength(2);
  });

  it('validates the content', async () => {
    const { server, key, id } = await claimable();
    await claim(server, key, id);
    const response = await request(server, `POST /api/v1/conversations/${id}/messages`, {
      key,
      body: { content: '' },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].pointer).toBe('/body/content');
  });
});

describe('POST /conversations/{id}/claim/renew', () => {
  it('is claim_required without a claim and claim_conflict for someone else’s', async () => {
    const { server, key, other, id } = await claimable();
    expect((await claimAction(server, key, id, 'renew')).body.code).toBe('claim_required');
    await claim(server, other, id);
    const conflict = await claimAction(server, key, id, 'renew');
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ code: 'claim_conflict', holder: { actorName: 'billing-bot' } });
  });
});

describe('POST /conversations/{id}/claim/release', () => {
  it('ends the claim without unassigning the human or changing the AI state', async () => {
    const { server, key, other, id } = await claimable();
    await request(server, `PATCH /api/v1/conversations/${id}`, {
      key,
      body: { assignedAgentId: 'agt_mara' },
    });
    const held = await claim(server, key, id);
    await server.scheduler.advanceBy(10_000);
    const released = await claimAction(server, key, id, 'release');
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({
      claimId: held.body.claimId,
      status: 'released',
      endedAt: server.clock.now(),
      expiresAt: server.clock.now(),
    });
    const conversation = await getConversation(server, key, id);
    expect(conversation.body).toMatchObject({
      assignedAgentId: 'agt_mara',
      aiWorkflowState: 'none',
      claim: null,
      automationEligible: true,
    });
    const event = events(server).find((e) => e.type === 'conversation.claim_released');
    expect(event?.data).toEqual({ claim: released.body, conversation: conversation.body });
    // Nothing lapses later, and another bot may claim at once.
    await server.scheduler.advanceBy(10 * MINUTE);
    expect(eventTypes(server)).toEqual([
      'conversation.updated',
      'conversation.claimed',
      'conversation.claim_released',
    ]);
    expect((await claim(server, other, id)).status).toBe(201);
  });

  it('is claim_required once released, and claim_conflict for another credential', async () => {
    const { server, key, other, id } = await claimable();
    await claim(server, key, id);
    expect((await claimAction(server, other, id, 'release')).body.code).toBe('claim_conflict');
    expect((await claimAction(server, key, id, 'release')).status).toBe(200);
    expect((await claimAction(server, key, id, 'release')).body.code).toBe('claim_required');
  });
});

describe('POST /conversations/{id}/claim/escalate', () => {
  it('ends the claim and hands the conversation to a human with the reason', async () => {
    const { server, key, id } = await claimable();
    const held = await claim(server, key, id);
    const reason = 'Visitor asked about a chargeback; needs a human.';
    const escalated = await claimAction(server, key, id, 'escalate', { reason });
    expect(escalated.status).toBe(200);
    expect(escalated.body).toMatchObject({
      claimId: held.body.claimId,
      status: 'escalated',
      endedAt: server.clock.now(),
    });
    const conversation = await getConversation(server, key, id);
    expect(conversation.body).toMatchObject({
      aiWorkflowState: 'handoff',
      aiHandoffReason: reason,
      claim: null,
      automationEligible: false,
    });
    const event = events(server).find((e) => e.type === 'conversation.escalated');
    expect(event?.data).toEqual({ claim: escalated.body, conversation: conversation.body });
    const waiting = await request(server, 'GET /api/v1/conversations?automationEligible=false', { key });
    expect(waiting.body.data.map((c: { id: string }) => c.id)).toContain(id);
    const audit = await request(server, 'GET /__control/audit-log?action=claim.*');
    expect(audit.body.data.map((entry: { action: string }) => entry.action)).toEqual([
      'claim.escalate',
      'claim.acquire',
    ]);
  });

  it('uses the default reason, and needs the caller’s claim', async () => {
    const { server, key, other, id } = await claimable();
    expect((await claimAction(server, key, id, 'escalate')).body.code).toBe('claim_required');
    await claim(server, key, id);
    expect((await claimAction(server, other, id, 'escalate')).body.code).toBe('claim_conflict');
    await claimAction(server, key, id, 'escalate', {});
    expect((await getConversation(server, key, id)).body.aiHandoffReason).toBe('Escalated by automation');
  });
});

describe('PATCH /conversations/{id} while claimed', () => {
  it('closing ends the claim as released (conversation.claim_released)', async () => {
    const { server, key, other, id } = await claimable();
    const held = await claim(server, key, id);
    const closed = await request(server, `PATCH /api/v1/conversations/${id}`, {
      key: other,
      body: { status: 'closed' },
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', claim: null, automationEligible: false });
    expect(eventTypes(server)).toEqual([
      'conversation.claimed',
      'conversation.updated',
      'conversation.claim_released',
    ]);
    const released = events(server).find((e) => e.type === 'conversation.claim_released');
    expect(released?.data.claim).toMatchObject({ claimId: held.body.claimId, status: 'released' });
    expect(released?.data.conversation).toEqual(closed.body);
    expect((await send(server, key, id)).body.code).toBe('claim_required');
    await server.scheduler.advanceBy(10 * MINUTE);
    expect(eventTypes(server)).not.toContain('conversation.claim_expired');
  });

  it('other changes keep the claim', async () => {
    const { server, key, id } = await claimable();
    await claim(server, key, id);
    const snoozed = await request(server, `PATCH /api/v1/conversations/${id}`, {
      key,
      body: { status: 'snoozed', assignedAgentId: 'agt_mara' },
    });
    expect(snoozed.body.claim).not.toBeNull();
    expect(eventTypes(server)).toEqual(['conversation.claimed', 'conversation.updated']);
  });
});
