import { describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { ALL_SCOPES, request, setup, type TestWorkspace } from './support';

/** A conversation started by a visitor through the control API; returns its ID. */
async function startConversation(server: MockServer, workspaceId: string): Promise<string> {
  const response = await request(server, 'POST /__control/conversations', {
    body: { workspaceId, channel: 'chat', content: 'How do I get a refund?' },
  });
  expect(response.status).toBe(201);
  return response.body.conversation.id;
}

async function conversationWorkspace(): Promise<TestWorkspace & { id: string }> {
  const workspace = await setup();
  return { ...workspace, id: await startConversation(workspace.server, workspace.workspaceId) };
}

const aiReply = (server: MockServer, id: string, body: Record<string, unknown>) =>
  request(server, `POST /__control/conversations/${id}/ai-reply`, { body });
const askForHuman = (server: MockServer, id: string, body?: Record<string, unknown>) =>
  request(server, `POST /__control/conversations/${id}/human-request`, body ? { body } : {});
const claim = (server: MockServer, key: string, id: string, action = '') =>
  request(server, `POST /api/v1/conversations/${id}/claim${action}`, { key });
const getConversation = (server: MockServer, key: string, id: string) =>
  request(server, `GET /api/v1/conversations/${id}`, { key });
const messageContents = async (server: MockServer, key: string, id: string) =>
  (await request(server, `GET /api/v1/conversations/${id}/messages`, { key })).body.data.map(
    (m: { senderType: string; content: string }) => `${m.senderType}: ${m.content}`,
  );
/** Event types written so far, oldest first (until GET /events exists). */
const eventTypes = (server: MockServer) =>
  [...server.store.events.values()].sort((a, b) => a.seq - b.seq).map((event) => event.type);
const lastEvent = (server: MockServer, type: string) =>
  [...server.store.events.values()].filter((event) => event.type === type).at(-1);

describe('POST /__control/conversations/{id}/ai-reply', () => {
  it('posts a bot message when no claim is active and marks the conversation ai_handled', async () => {
    const { server, key, id } = await conversationWorkspace();
    const response = await aiReply(server, id, { content: 'Settings → Billing → Refunds.' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      outcome: 'posted',
      message: {
        senderType: 'bot',
        senderId: 'ai-agent',
        actorName: null,
        content: 'Settings → Billing → Refunds.',
      },
      suppression: null,
    });
    expect(await messageContents(server, key, id)).toEqual([
      'visitor: How do I get a refund?',
      'bot: Settings → Billing → Refunds.',
    ]);
    const conversation = await getConversation(server, key, id);
    expect(conversation.body).toMatchObject({ aiWorkflowState: 'ai_handled', automationEligible: true });
    expect(lastEvent(server, 'message.created')?.data).toEqual(response.body.message);
  });

  it('is suppressed while a claim is active: nothing posted or changed, the candidate recorded', async () => {
    const { server, key, credentialId, id } = await conversationWorkspace();
    const held = await claim(server, key, id);
    const before = await getConversation(server, key, id);
    const eventsBefore = eventTypes(server);
    server.clock.set(server.clock.now() + 1_000);
    const response = await aiReply(server, id, { content: 'Settings → Billing.', handoff: true });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      outcome: 'suppressed',
      message: null,
      suppression: {
        id: expect.any(String),
        workspaceId: before.body.workspaceId,
        conversationId: id,
        claimId: held.body.claimId,
        actorName: 'test-bot',
        candidateContent: 'Settings → Billing.',
        createdAt: server.clock.now(),
      },
    });
    expect(await messageContents(server, key, id)).toEqual(['visitor: How do I get a refund?']);
    expect((await getConversation(server, key, id)).body).toEqual(before.body);
    expect(eventTypes(server)).toEqual(eventsBefore);
    expect(before.body.claim.credentialId).toBe(credentialId);

    const listed = await request(server, `GET /__control/ai-suppressions?conversationId=${id}`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ data: [response.body.suppression], nextCursor: null, hasMore: false });
  });

  it('answers again once the claim is released', async () => {
    const { server, key, id } = await conversationWorkspace();
    await claim(server, key, id);
    expect((await aiReply(server, id, { content: 'Suppressed.' })).body.outcome).toBe('suppressed');
    await claim(server, key, id, '/release');
    expect((await aiReply(server, id, { content: 'Posted.' })).body.outcome).toBe('posted');
    expect(await messageContents(server, key, id)).toEqual([
      'visitor: How do I get a refund?',
      'bot: Posted.',
    ]);
  });

  it('with handoff: true posts, then hands the conversation to a human', async () => {
    const { server, key, id } = await conversationWorkspace();
    const response = await aiReply(server, id, {
      content: 'Let me bring in a teammate.',
      handoff: true,
      handoffReason: 'Visitor disputes a charge.',
    });
    expect(response.body).toMatchObject({
      outcome: 'handed_off',
      message: { senderType: 'bot' },
      suppression: null,
    });
    const conversation = await getConversation(server, key, id);
    expect(conversation.body).toMatchObject({
      aiWorkflowState: 'handoff',
      aiHandoffReason: 'Visitor disputes a charge.',
      automationEligible: false,
    });
    expect(eventTypes(server).slice(-2)).toEqual(['message.created', 'conversation.ai_handoff']);
    expect(lastEvent(server, 'conversation.ai_handoff')?.data).toEqual(conversation.body);

    const again = await aiReply(server, id, { content: 'Anything else?' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_transition');
  });

  it('hands off with the default reason', async () => {
    const { server, key, id } = await conversationWorkspace();
    await aiReply(server, id, { content: 'A teammate will help.', handoff: true });
    expect((await getConversation(server, key, id)).body.aiHandoffReason).toBe('Handed off by the AI agent');
  });

  it('records a suppression, not a 409, when a claimed conversation is waiting for a human', async () => {
    const { server, key, id } = await conversationWorkspace();
    await claim(server, key, id);
    await askForHuman(server, id);
    expect((await aiReply(server, id, { content: 'Hi!' })).body.outcome).toBe('suppressed');
  });

  it('refuses conversations that are not open, unknown ones and a reason without handoff', async () => {
    const { server, key, id } = await conversationWorkspace();
    const stray = await aiReply(server, id, { content: 'Hi', handoffReason: 'Why?' });
    expect(stray.status).toBe(400);
    expect(stray.body.errors[0].pointer).toBe('/body/handoffReason');
    await request(server, `PATCH /api/v1/conversations/${id}`, { key, body: { status: 'closed' } });
    const closed = await aiReply(server, id, { content: 'Hi' });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('conversation_not_open');
    const missing = await aiReply(server, 'conv_missing', { content: 'Hi' });
    expect(missing.status).toBe(404);
    expect(await messageContents(server, key, id)).toEqual(['visitor: How do I get a refund?']);
  });
});

describe('POST /__control/conversations/{id}/human-request', () => {
  it('reaches a human while an automation holds the claim, which stays until its holder acts', async () => {
    const { server, key, id, newKey } = await conversationWorkspace();
    const held = await claim(server, key, id);
    const response = await askForHuman(server, id, { reason: 'Visitor clicked "Talk to a person".' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      aiWorkflowState: 'handoff',
      aiHandoffReason: 'Visitor clicked "Talk to a person".',
      automationEligible: false,
      claim: { claimId: held.body.claimId, actorName: 'test-bot' },
    });
    expect(eventTypes(server).at(-1)).toBe('conversation.ai_handoff');
    expect(lastEvent(server, 'conversation.ai_handoff')?.data).toEqual(response.body);

    // The holder learns of it and releases; the conversation keeps waiting for a human.
    expect((await claim(server, key, id, '/release')).status).toBe(200);
    const after = await getConversation(server, key, id);
    expect(after.body).toMatchObject({ aiWorkflowState: 'handoff', claim: null, automationEligible: false });
    const { key: other } = await newKey(ALL_SCOPES, { actorName: 'billing-bot' });
    expect((await claim(server, other, id)).body.code).toBe('invalid_transition');
    expect((await aiReply(server, id, { content: 'Hi!' })).body.code).toBe('invalid_transition');
  });

  it('lets the holder escalate after the request', async () => {
    const { server, key, id } = await conversationWorkspace();
    await claim(server, key, id);
    await askForHuman(server, id);
    const escalated = await claim(server, key, id, '/escalate');
    expect(escalated.body.status).toBe('escalated');
    expect((await getConversation(server, key, id)).body.aiHandoffReason).toBe('Escalated by automation');
  });

  it('uses the default reason, and asking again updates it', async () => {
    const { server, key, id } = await conversationWorkspace();
    const first = await askForHuman(server, id);
    expect(first.body).toMatchObject({
      aiWorkflowState: 'handoff',
      aiHandoffReason: 'Visitor asked for a human',
    });
    await askForHuman(server, id, { reason: 'Still waiting.' });
    expect((await getConversation(server, key, id)).body.aiHandoffReason).toBe('Still waiting.');
    expect(eventTypes(server).filter((type) => type === 'conversation.ai_handoff')).toHaveLength(2);
  });

  it('refuses a closed conversation and an unknown one', async () => {
    const { server, key, id } = await conversationWorkspace();
    await request(server, `PATCH /api/v1/conversations/${id}`, { key, body: { status: 'closed' } });
    const closed = await askForHuman(server, id);
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('conversation_not_open');
    expect((await askForHuman(server, 'conv_missing')).status).toBe(404);
  });
});

describe('the end of a handoff', () => {
  it('lasts until the conversation is closed; a visitor writing again reopens it for automation', async () => {
    const { server, key, id } = await conversationWorkspace();
    await askForHuman(server, id, { reason: 'Wants a person' });
    expect((await claim(server, key, id)).status).toBe(409);
    await request(server, `PATCH /api/v1/conversations/${id}`, { key, body: { status: 'closed' } });
    await request(server, `POST /__control/conversations/${id}/visitor-messages`, {
      body: { content: 'Me again' },
    });
    const reopened = (await getConversation(server, key, id)).body;
    expect(reopened).toMatchObject({ status: 'open', aiWorkflowState: 'none', aiHandoffReason: null });
    expect(reopened.automationEligible).toBe(true);
    expect((await claim(server, key, id)).status).toBe(201);
  });
});

describe('GET /__control/ai-suppressions', () => {
  it('lists newest first, pages with a cursor, and filters by conversation and workspace', async () => {
    const { server, key, workspaceId, id } = await conversationWorkspace();
    const second = await startConversation(server, workspaceId);
    await claim(server, key, id);
    await claim(server, key, second);
    for (let i = 0; i < 3; i++) await aiReply(server, id, { content: `first ${i}` });
    await aiReply(server, second, { content: 'second 0' });
    const other = await request(server, 'POST /__control/workspaces', { body: { name: 'Other' } });

    const contents = (page: { body: { data: Array<{ candidateContent: string }> } }) =>
      page.body.data.map((s) => s.candidateContent);
    const all = await request(server, 'GET /__control/ai-suppressions');
    expect(contents(all)).toEqual(['second 0', 'first 2', 'first 1', 'first 0']);
    const firstPage = await request(server, `GET /__control/ai-suppressions?conversationId=${id}&limit=2`);
    expect(contents(firstPage)).toEqual(['first 2', 'first 1']);
    expect(firstPage.body.hasMore).toBe(true);
    const nextPage = await request(
      server,
      `GET /__control/ai-suppressions?conversationId=${id}&limit=2&cursor=${firstPage.body.nextCursor}`,
    );
    expect(contents(nextPage)).toEqual(['first 0']);
    expect(nextPage.body).toMatchObject({ hasMore: false, nextCursor: null });
    const foreign = await request(
      server,
      `GET /__control/ai-suppressions?conversationId=${second}&cursor=${firstPage.body.nextCursor}`,
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.code).toBe('invalid_cursor');

    const byWorkspace = await request(server, `GET /__control/ai-suppressions?workspaceId=${workspaceId}`);
    expect(contents(byWorkspace)).toHaveLength(4);
    const elsewhere = await request(server, `GET /__control/ai-suppressions?workspaceId=${other.body.id}`);
    expect(elsewhere.body.data).toEqual([]);
    const mismatch = await request(
      server,
      `GET /__control/ai-suppressions?workspaceId=${other.body.id}&conversationId=${id}`,
    );
    expect(mismatch.body.data).toEqual([]);
  });
});
