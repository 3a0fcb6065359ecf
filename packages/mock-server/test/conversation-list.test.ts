/**
 * `GET /conversations` sends rows' cached JSON (Table.json): these pin that a cached row never
 * outlives a write, and that claimed rows, whose lease can lapse without a write, are never cached.
 */
import { describe, expect, it } from 'vitest';
import { request, setup } from './support';

async function withConversations(count: number) {
  const workspace = await setup();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const started = await request(workspace.server, 'POST /__control/conversations', {
      body: {
        workspaceId: workspace.workspaceId,
        channel: 'chat',
        subject: `Order ${i}`,
        content: 'Broken.',
      },
    });
    ids.push(started.body.conversation.id);
  }
  const list = async (query = '') =>
    (await request(workspace.server, `GET /api/v1/conversations${query}`, { key: workspace.key })).body;
  return { ...workspace, ids, list };
}

describe('GET /conversations from cached rows', () => {
  it('shows a change made after the row was listed', async () => {
    const { server, key, ids, list } = await withConversations(2);
    expect((await list()).data.map((c: { subject: string }) => c.subject)).toEqual(['Order 1', 'Order 0']);
    const patched = await request(server, `PATCH /api/v1/conversations/${ids[0]}`, {
      key,
      body: { subject: 'Order 0, refunded', status: 'closed' },
    });
    expect(patched.status).toBe(200);
    const after = (await list()).data;
    expect(after[1]).toEqual(patched.body);
    expect(after[1]).toMatchObject({ status: 'closed', automationEligible: false });
  });

  it('shows a claim while it is active and drops it once the lease lapses, with no write between', async () => {
    const { server, clock, key, ids, list } = await withConversations(1);
    const id = ids[0] as string;
    expect((await list()).data[0]).toMatchObject({ claim: null, automationEligible: true });
    const claimed = await request(server, `POST /api/v1/conversations/${id}/claim`, {
      key,
      body: { leaseSeconds: 60 },
    });
    expect(claimed.status).toBe(201);
    expect((await list()).data[0]).toMatchObject({
      claim: { claimId: claimed.body.claimId, actorName: 'test-bot' },
      automationEligible: false,
    });
    // Past the lease without running the scheduler: nothing writes the row, the list still knows.
    clock.set(clock.now() + 61_000);
    expect((await list()).data[0]).toMatchObject({ claim: null, automationEligible: true });
  });

  it('pages through every row once, and answers the same page to the same cursor', async () => {
    const { ids, list } = await withConversations(5);
    const first = await list('?limit=2');
    const again = await list(`?limit=2&cursor=${first.nextCursor}`);
    const second = await list(`?limit=2&cursor=${first.nextCursor}`);
    expect(second).toEqual(again);
    const third = await list(`?limit=2&cursor=${second.nextCursor}`);
    expect(third).toMatchObject({ nextCursor: null, hasMore: false });
    const seen = [...first.data, ...second.data, ...third.data].map((c: { id: string }) => c.id);
    expect(seen).toEqual([...ids].reverse());
  });
});
