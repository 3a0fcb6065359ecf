import { describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { request, setup } from './support';

/** A conversation started by a visitor through the control API; returns its ID. */
async function startConversation(
  server: MockServer,
  workspaceId: string,
  content = 'Hello?',
): Promise<string> {
  const response = await request(server, 'POST /__control/conversations', {
    body: { workspaceId, channel: 'chat', content },
  });
  expect(response.status).toBe(201);
  return response.body.conversation.id;
}

const visitorWrites = (server: MockServer, id: string, content: string) =>
  request(server, `POST /__control/conversations/${id}/visitor-messages`, { body: { content } });
const agentReplies = (server: MockServer, id: string, content: string) =>
  request(server, `POST /__control/conversations/${id}/agent-replies`, {
    body: { agentId: 'agt_mara', content },
  });

describe('GET /conversations/{id}/messages', () => {
  it('lists every sender type, oldest first', async () => {
    const { server, key, workspaceId } = await setup();
    const id = await startConversation(server, workspaceId, 'First');
    server.clock.set(server.clock.now() + 1_000);
    await agentReplies(server, id, 'Second');
    server.clock.set(server.clock.now() + 1_000);
    await visitorWrites(server, id, 'Third');
    const page = await request(server, `GET /api/v1/conversations/${id}/messages`, { key });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ hasMore: false, nextCursor: null });
    expect(
      page.body.data.map((m: { content: string; senderType: string }) => [m.senderType, m.content]),
    ).toEqual([
      ['visitor', 'First'],
      ['agent', 'Second'],
      ['visitor', 'Third'],
    ]);
  });

  it('keeps messages written in the same millisecond in the order they were written', async () => {
    const { server, key, workspaceId } = await setup();
    const id = await startConversation(server, workspaceId, 'm0');
    for (let i = 1; i < 12; i++) await (i % 2 ? agentReplies : visitorWrites)(server, id, `m${i}`);
    const page = await request(server, `GET /api/v1/conversations/${id}/messages?limit=100`, { key });
    expect(page.body.data.map((m: { content: string }) => m.content)).toEqual(
      Array.from({ length: 12 }, (_, i) => `m${i}`),
    );
  });

  it('pages with a cursor without skipping or repeating, and refuses a cursor from another conversation', async () => {
    const { server, key, workspaceId } = await setup();
    const id = await startConversation(server, workspaceId, 'm0');
    for (let i = 1; i < 5; i++) await visitorWrites(server, id, `m${i}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<{ content: string }>; nextCursor: string | null } } = await request(
        server,
        `GET /api/v1/conversations/${id}/messages?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { key },
      );
      seen.push(...page.body.data.map((m) => m.content));
      cursor = page.body.nextCursor;
      if (cursor) {
        const other = await startConversation(server, workspaceId);
        const foreign = await request(
          server,
          `GET /api/v1/conversations/${other}/messages?cursor=${cursor}`,
          {
            key,
          },
        );
        expect(foreign.status).toBe(400);
        expect(foreign.body.code).toBe('invalid_cursor');
      }
    } while (cursor);
    expect(seen).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it("answers 404 for another workspace's conversation and for an unknown one", async () => {
    const { server, key } = await setup();
    const other = await request(server, 'POST /__control/seed', { body: { preset: 'empty' } });
    const theirs = await startConversation(server, other.body.workspace.id);
    for (const id of [theirs, 'conv_missing']) {
      const response = await request(server, `GET /api/v1/conversations/${id}/messages`, { key });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('not_found');
    }
  });

  it('needs messages.read and refuses an out-of-range limit', async () => {
    const { server, workspaceId, newKey } = await setup();
    const id = await startConversation(server, workspaceId);
    const { key } = await newKey(['conversations.read']);
    const forbidden = await request(server, `GET /api/v1/conversations/${id}/messages`, { key });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ code: 'insufficient_scope', requiredScope: 'messages.read' });
    const reader = await newKey(['messages.read']);
    const tooMany = await request(server, `GET /api/v1/conversations/${id}/messages?limit=0`, {
      key: reader.key,
    });
    expect(tooMany.status).toBe(400);
  });
});
