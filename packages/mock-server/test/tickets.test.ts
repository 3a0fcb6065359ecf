import { describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { auditActions, emitted, foreignKey } from './records';
import { request, setup } from './support';

/** A visitor starts a chat (control API); returns the conversation's and the visitor's IDs. */
async function conversation(server: MockServer, workspaceId: string) {
  const simulated = await request(server, 'POST /__control/conversations', {
    body: { workspaceId, visitor: { name: 'Dana' }, channel: 'chat', content: 'I was charged twice.' },
  });
  expect(simulated.status).toBe(201);
  return {
    conversationId: simulated.body.conversation.id as string,
    visitorId: simulated.body.conversation.visitorId as string,
  };
}

describe('POST /tickets', () => {
  it('opens a submitted, normal-priority ticket for the conversation’s visitor and emits ticket.created', async () => {
    const { server, key, workspaceId, credentialId } = await setup();
    const { conversationId, visitorId } = await conversation(server, workspaceId);
    const response = await request(server, 'POST /api/v1/tickets', {
      key,
      body: { subject: 'Duplicate charge', conversationId },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/v1/tickets/${response.body.id}`);
    expect(response.body).toMatchObject({
      workspaceId,
      conversationId,
      visitorId,
      subject: 'Duplicate charge',
      description: null,
      status: 'submitted',
      priority: 'normal',
      assigneeId: null,
      externalId: null,
      resolutionSummary: null,
      resolvedAt: null,
      createdAt: server.clock.now(),
    });
    expect(emitted(server, 'ticket.created')).toEqual([
      {
        type: 'ticket.created',
        workspaceId,
        resource: { type: 'ticket', id: response.body.id },
        data: response.body,
      },
    ]);
    expect(await auditActions(server, credentialId)).toEqual(['ticket.create']);
  });

  it('points a 400 at each unknown or mismatched reference', async () => {
    const { server, key, workspaceId } = await setup();
    const { conversationId } = await conversation(server, workspaceId);
    const otherVisitor = await request(server, 'POST /api/v1/visitors', { key, body: {} });
    const unknown = await request(server, 'POST /api/v1/tickets', {
      key,
      body: { subject: 'x', conversationId: 'conv_nope', visitorId: 'vis_nope' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      code: 'validation_failed',
      errors: [
        { pointer: '/body/conversationId', message: 'is not a conversation of this workspace' },
        { pointer: '/body/visitorId', message: 'is not a visitor of this workspace' },
      ],
    });
    const mismatch = await request(server, 'POST /api/v1/tickets', {
      key,
      body: { subject: 'x', conversationId, visitorId: otherVisitor.body.id },
    });
    expect(mismatch.body.errors).toEqual([
      { pointer: '/body/visitorId', message: 'is not the visitor of conversationId' },
    ]);
    // Another workspace's records are unknown here.
    const foreign = await request(server, 'POST /api/v1/tickets', {
      key: await foreignKey(server),
      body: { subject: 'x', conversationId },
    });
    expect(foreign.body.errors).toEqual([
      { pointer: '/body/conversationId', message: 'is not a conversation of this workspace' },
    ]);
  });

  it('takes a visitor without a conversation, and refuses an externalId another ticket has', async () => {
    const { server, key } = await setup();
    const visitor = await request(server, 'POST /api/v1/visitors', { key, body: {} });
    const body = {
      subject: 'Export',
      visitorId: visitor.body.id,
      externalId: 'BILL-1',
      priority: 'high',
      assigneeId: 'agt_mara',
    };
    const first = await request(server, 'POST /api/v1/tickets', { key, body });
    expect(first.body).toMatchObject({ ...body, conversationId: null });
    const second = await request(server, 'POST /api/v1/tickets', { key, body });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('conflict');
  });
});

describe('GET /tickets/{ticketId}', () => {
  it('returns the ticket, and 404 for an unknown ID or another workspace', async () => {
    const { server, key } = await setup();
    const created = await request(server, 'POST /api/v1/tickets', { key, body: { subject: 'x' } });
    expect((await request(server, `GET /api/v1/tickets/${created.body.id}`, { key })).body).toEqual(
      created.body,
    );
    expect((await request(server, 'GET /api/v1/tickets/tkt_nope', { key })).status).toBe(404);
    const foreign = await request(server, `GET /api/v1/tickets/${created.body.id}`, {
      key: await foreignKey(server),
    });
    expect(foreign.body.code).toBe('not_found');
  });
});

describe('PATCH /tickets/{ticketId}', () => {
  it('resolves with a summary (resolvedAt set), reopens (resolvedAt cleared, summary kept), each emitting ticket.updated', async () => {
    const { server, key, clock, credentialId } = await setup();
    const ticket = await request(server, 'POST /api/v1/tickets', { key, body: { subject: 'x' } });
    const path = `PATCH /api/v1/tickets/${ticket.body.id}`;
    clock.set(clock.now() + 1000);
    const started = await request(server, path, {
      key,
      body: { status: 'in_progress', assigneeId: 'agt_mara' },
    });
    expect(started.body).toMatchObject({
      status: 'in_progress',
      assigneeId: 'agt_mara',
      updatedAt: clock.now(),
    });
    clock.set(clock.now() + 1000);
    const resolved = await request(server, path, {
      key,
      body: { status: 'resolved', resolutionSummary: 'Refunded.' },
    });
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolvedAt: clock.now(),
      resolutionSummary: 'Refunded.',
    });
    clock.set(clock.now() + 1000);
    const again = await request(server, path, { key, body: { status: 'resolved' } });
    expect(again.body.resolvedAt).toBe(resolved.body.resolvedAt);
    const reopened = await request(server, path, { key, body: { status: 'in_progress', assigneeId: null } });
    expect(reopened.body).toMatchObject({
      status: 'in_progress',
      resolvedAt: null,
      resolutionSummary: 'Refunded.',
      assigneeId: null,
    });
    expect(emitted(server, 'ticket.updated').map((e) => e.data)).toEqual([
      started.body,
      resolved.body,
      again.body,
      reopened.body,
    ]);
    expect(await auditActions(server, credentialId)).toEqual([
      'ticket.create',
      'ticket.update',
      'ticket.update',
      'ticket.update',
      'ticket.update',
    ]);
  });

  it.each([
    ['submitted', ['in_progress', 'waiting_on_customer', 'resolved'], []],
    ['in_progress', ['waiting_on_customer', 'resolved'], ['submitted']],
    ['waiting_on_customer', ['in_progress', 'resolved'], ['submitted']],
    ['resolved', ['in_progress'], ['submitted', 'waiting_on_customer']],
  ])('from %s allows %j and refuses %j with 409 invalid_transition', async (from, allowed, refused) => {
    const { server, key } = await setup();
    const at = async (status: string) => {
      const ticket = await request(server, 'POST /api/v1/tickets', { key, body: { subject: 'x' } });
      // Reach `from` through allowed steps (resolved → reached directly from submitted).
      if (status !== 'submitted') {
        await request(server, `PATCH /api/v1/tickets/${ticket.body.id}`, { key, body: { status } });
      }
      return ticket.body.id as string;
    };
    for (const to of allowed) {
      const id = await at(from);
      const response = await request(server, `PATCH /api/v1/tickets/${id}`, { key, body: { status: to } });
      expect(response.status, `${from} → ${to}`).toBe(200);
      expect(response.body.status).toBe(to);
    }
    for (const to of refused) {
      const id = await at(from);
      const response = await request(server, `PATCH /api/v1/tickets/${id}`, {
        key,
        body: { status: to, subject: 'y' },
      });
      expect(response.status, `${from} → ${to}`).toBe(409);
      expect(response.body.code).toBe('invalid_transition');
      // Nothing of the refused request was applied.
      expect((await request(server, `GET /api/v1/tickets/${id}`, { key })).body).toMatchObject({
        status: from,
        subject: 'x',
      });
    }
  });

  it('moves the externalId, refuses a taken one with 409, and 404s an unknown ticket', async () => {
    const { server, key } = await setup();
    const first = await request(server, 'POST /api/v1/tickets', {
      key,
      body: { subject: 'a', externalId: 'A-1' },
    });
    const second = await request(server, 'POST /api/v1/tickets', { key, body: { subject: 'b' } });
    const taken = await request(server, `PATCH /api/v1/tickets/${second.body.id}`, {
      key,
      body: { externalId: 'A-1' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('conflict');
    await request(server, `PATCH /api/v1/tickets/${first.body.id}`, { key, body: { externalId: null } });
    const moved = await request(server, `PATCH /api/v1/tickets/${second.body.id}`, {
      key,
      body: { externalId: 'A-1' },
    });
    expect(moved.body.externalId).toBe('A-1');
    const missing = await request(server, 'PATCH /api/v1/tickets/tkt_nope', { key, body: { subject: 'x' } });
    expect(missing.status).toBe(404);
  });
});

describe('GET /tickets', () => {
  async function threeTickets() {
    const ws = await setup();
    const { conversationId, visitorId } = await conversation(ws.server, ws.workspaceId);
    const bodies = [
      { subject: 'a', conversationId, priority: 'high', assigneeId: 'agt_mara' },
      { subject: 'b', visitorId },
      { subject: 'c', priority: 'high' },
    ];
    const ids: string[] = [];
    for (const body of bodies)
      ids.push((await request(ws.server, 'POST /api/v1/tickets', { key: ws.key, body })).body.id);
    await request(ws.server, `PATCH /api/v1/tickets/${ids[2]}`, {
      key: ws.key,
      body: { status: 'in_progress' },
    });
    return { ...ws, ids, conversationId, visitorId };
  }

  it('lists newest first in pages', async () => {
    const { server, key, ids } = await threeTickets();
    const first = await request(server, 'GET /api/v1/tickets?limit=2', { key });
    expect(first.body.data.map((t: { id: string }) => t.id)).toEqual([ids[2], ids[1]]);
    const rest = await request(server, `GET /api/v1/tickets?limit=2&cursor=${first.body.nextCursor}`, {
      key,
    });
    expect(rest.body).toMatchObject({ data: [{ id: ids[0] }], hasMore: false, nextCursor: null });
  });

  it.each([
    ['status', 'status=submitted', [1, 0]],
    ['status and priority', 'status=submitted&priority=high', [0]],
    ['an assignee', 'assignee=agt_mara', [0]],
    ['no assignee', 'assignee=none', [2, 1]],
    ['any assignee', 'assignee=any', [0]],
    ['priority', 'priority=high', [2, 0]],
  ])('filters by %s', async (_name, search, expected) => {
    const { server, key, ids } = await threeTickets();
    const page = await request(server, `GET /api/v1/tickets?${search}`, { key });
    expect(page.body.data.map((t: { id: string }) => t.id)).toEqual(expected.map((i) => ids[i]));
  });

  it('filters by visitor and by conversation', async () => {
    const { server, key, ids, visitorId, conversationId } = await threeTickets();
    const byVisitor = await request(server, `GET /api/v1/tickets?visitorId=${visitorId}`, { key });
    expect(byVisitor.body.data.map((t: { id: string }) => t.id)).toEqual([ids[1], ids[0]]);
    const byConversation = await request(server, `GET /api/v1/tickets?conversationId=${conversationId}`, {
      key,
    });
    expect(byConversation.body.data.map((t: { id: string }) => t.id)).toEqual([ids[0]]);
  });

  it('syncs by updatedSince in (updatedAt, id) order; comments do not move a ticket', async () => {
    const { server, key, clock, ids } = await threeTickets();
    const start = clock.now();
    clock.set(start + 1000);
    await request(server, `PATCH /api/v1/tickets/${ids[0]}`, { key, body: { priority: 'urgent' } });
    await request(server, `POST /api/v1/tickets/${ids[1]}/comments`, { key, body: { content: 'hi' } });
    const all = await request(server, `GET /api/v1/tickets?updatedSince=${start}`, { key });
    expect(all.body.data.map((t: { id: string }) => t.id)).toEqual([ids[1], ids[2], ids[0]]);
    const later = await request(server, `GET /api/v1/tickets?updatedSince=${start + 1}&status=submitted`, {
      key,
    });
    expect(later.body.data.map((t: { id: string }) => t.id)).toEqual([ids[0]]);
  });
});

describe('ticket comments', () => {
  it('adds a comment as the credential, leaves the ticket alone, and emits ticket.comment_added with both', async () => {
    const { server, key, clock, credentialId, workspaceId } = await setup();
    const ticket = await request(server, 'POST /api/v1/tickets', { key, body: { subject: 'x' } });
    clock.set(clock.now() + 1000);
    const comment = await request(server, `POST /api/v1/tickets/${ticket.body.id}/comments`, {
      key,
      body: { content: 'We refunded it.' },
    });
    expect(comment.status).toBe(201);
    expect(comment.body).toMatchObject({
      ticketId: ticket.body.id,
      authorType: 'automation',
      authorId: credentialId,
      authorName: 'test-bot',
      content: 'We refunded it.',
      internal: false,
      createdAt: clock.now(),
    });
    expect((await request(server, `GET /api/v1/tickets/${ticket.body.id}`, { key })).body).toEqual(
      ticket.body,
    );
    expect(emitted(server, 'ticket.comment_added')).toEqual([
      {
        type: 'ticket.comment_added',
        workspaceId,
        resource: { type: 'ticket', id: ticket.body.id },
        data: { ticket: ticket.body, comment: comment.body },
      },
    ]);
    expect(await auditActions(server, credentialId)).toEqual(['ticket.create', 'ticket_comment.create']);
  });

  it('emits nothing for an internal note, and lists every comment oldest first in pages', async () => {
    const { server, key } = await setup();
    const ticket = await request(server, 'POST /api/v1/tickets', { key, body: { subject: 'x' } });
    const path = `/api/v1/tickets/${ticket.body.id}/comments`;
    const note = await request(server, `POST ${path}`, {
      key,
      body: { content: 'agents only', internal: true },
    });
    expect(note.body.internal).toBe(true);
    expect(emitted(server, 'ticket.comment_added')).toEqual([]);
    const reply = await request(server, `POST ${path}`, { key, body: { content: 'public' } });
    const third = await request(server, `POST ${path}`, { key, body: { content: 'third' } });
    const first = await request(server, `GET ${path}?limit=2`, { key });
    expect(first.body.data).toEqual([note.body, reply.body]);
    const rest = await request(server, `GET ${path}?limit=2&cursor=${first.body.nextCursor}`, { key });
    expect(rest.body).toEqual({ data: [third.body], nextCursor: null, hasMore: false });
  });

  it('404s an unknown or foreign ticket, and refuses a cursor from another ticket', async () => {
    const { server, key } = await setup();
    const a = await request(server, 'POST /api/v1/tickets', { key, body: { subject: 'a' } });
    const b = await request(server, 'POST /api/v1/tickets', { key, body: { subject: 'b' } });
    for (const content of ['1', '2']) {
      await request(server, `POST /api/v1/tickets/${a.body.id}/comments`, { key, body: { content } });
    }
    const page = await request(server, `GET /api/v1/tickets/${a.body.id}/comments?limit=1`, { key });
    const crossed = await request(
      server,
      `GET /api/v1/tickets/${b.body.id}/comments?cursor=${page.body.nextCursor}`,
      {
        key,
      },
    );
    expect(crossed.body.code).toBe('invalid_cursor');
    expect((await request(server, 'GET /api/v1/tickets/tkt_nope/comments', { key })).status).toBe(404);
    const foreign = await request(server, `POST /api/v1/tickets/${a.body.id}/comments`, {
      key: await foreignKey(server),
      body: { content: 'x' },
    });
    expect(foreign.status).toBe(404);
  });
});
