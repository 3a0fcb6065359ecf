import { describe, expect, it } from 'vitest';
import { foreignKey } from './records';
import { request, setup, type TestWorkspace } from './support';

interface FeedEvent {
  id: string;
  type: string;
  createdAt: number;
  workspaceId: string;
  resource: { type: string; id: string };
  data: Record<string, unknown>;
}
interface EventPage {
  data: FeedEvent[];
  nextCursor: string;
  hasMore: boolean;
}

/**
 * 250 events in one clock millisecond: every fifth request records a custom event (custom_event.created),
 * the others create a visitor (visitor.created). Returns the resource IDs in write order.
 */
async function writeBurst({ server, key }: TestWorkspace, count = 250): Promise<string[]> {
  const first = await request(server, 'POST /api/v1/visitors', { key, body: { name: 'Visitor 0' } });
  const ids: string[] = [first.body.id];
  for (let i = 1; i < count; i++) {
    const response =
      i % 5 === 0
        ? await request(server, 'POST /api/v1/custom-events', {
            key,
            body: { name: `step.${i}`, visitorId: first.body.id },
          })
        : await request(server, 'POST /api/v1/visitors', { key, body: { name: `Visitor ${i}` } });
    expect(response.status).toBe(201);
    ids.push(response.body.id);
  }
  return ids;
}

/** Follows `nextCursor` until `hasMore` is false; returns every page. */
async function readAll(ws: TestWorkspace, query: string): Promise<EventPage[]> {
  const pages: EventPage[] = [];
  let after: string | undefined;
  for (;;) {
    const suffix = after === undefined ? '' : `&after=${encodeURIComponent(after)}`;
    const page = await request<EventPage>(ws.server, `GET /api/v1/events?${query}${suffix}`, { key: ws.key });
    expect(page.status).toBe(200);
    pages.push(page.body);
    after = page.body.nextCursor;
    if (!page.body.hasMore) return pages;
  }
}

describe('GET /events', () => {
  it('pages forward through 250 events written in one millisecond, oldest first, without skips or repeats', async () => {
    const ws = await setup();
    const ids = await writeBurst(ws);
    const pages = await readAll(ws, 'limit=20');
    const events = pages.flatMap((page) => page.data);
    expect(pages).toHaveLength(13);
    expect(new Set(events.map((event) => event.createdAt))).toEqual(new Set([ws.clock.now()]));
    expect(events.map((event) => event.resource.id)).toEqual(ids);
    expect(new Set(events.map((event) => event.id)).size).toBe(250);
    expect(events[0]).toMatchObject({
      type: 'visitor.created',
      workspaceId: ws.workspaceId,
      resource: { type: 'visitor', id: ids[0] },
      data: { id: ids[0], name: 'Visitor 0' },
    });
  });

  it('filters by types and by resourceTypes, and the cursor moves past events that do not match', async () => {
    const ws = await setup();
    const ids = await writeBurst(ws);
    const customIds = ids.filter((_, i) => i % 5 === 0 && i > 0);
    const byType = (await readAll(ws, 'limit=7&types=custom_event.created')).flatMap((page) => page.data);
    expect(byType.map((event) => event.resource.id)).toEqual(customIds);
    const byResource = await readAll(ws, 'limit=100&resourceTypes=custom_event');
    expect(byResource.flatMap((page) => page.data).map((event) => event.resource.id)).toEqual(customIds);
    // Both filters must match; here they never do, and the empty page still resumes at the head.
    const none = await request<EventPage>(
      ws.server,
      'GET /api/v1/events?types=visitor.created&resourceTypes=custom_event',
      { key: ws.key },
    );
    expect(none.body).toMatchObject({ data: [], hasMore: false });
    const after = await request<EventPage>(
      ws.server,
      `GET /api/v1/events?after=${encodeURIComponent(none.body.nextCursor)}`,
      { key: ws.key },
    );
    expect(after.body).toMatchObject({ data: [], hasMore: false });
  });

  it('a cursor is a position, not tied to filters: it can be reused with other types', async () => {
    const ws = await setup();
    const ids = await writeBurst(ws, 10);
    const firstThree = await request<EventPage>(ws.server, 'GET /api/v1/events?limit=3', { key: ws.key });
    expect(firstThree.body.hasMore).toBe(true);
    const rest = await request<EventPage>(
      ws.server,
      `GET /api/v1/events?types=custom_event.created&after=${encodeURIComponent(firstThree.body.nextCursor)}`,
      { key: ws.key },
    );
    expect(rest.body.data.map((event) => event.resource.id)).toEqual([ids[5]]);
  });

  it('after=now starts at the head: an empty page whose cursor then returns only newer events', async () => {
    const ws = await setup();
    await writeBurst(ws, 5);
    const head = await request<EventPage>(ws.server, 'GET /api/v1/events?after=now', { key: ws.key });
    expect(head.body).toMatchObject({ data: [], hasMore: false });
    expect(head.body.nextCursor.length).toBeGreaterThan(0);
    const visitor = await request(ws.server, 'POST /api/v1/visitors', {
      key: ws.key,
      body: { name: 'Late' },
    });
    const next = await request<EventPage>(
      ws.server,
      `GET /api/v1/events?after=${encodeURIComponent(head.body.nextCursor)}`,
      { key: ws.key },
    );
    expect(next.body.data.map((event) => event.resource.id)).toEqual([visitor.body.id]);
    expect(next.body.hasMore).toBe(false);
  });

  it('an empty feed still answers a cursor, which later returns the first events', async () => {
    const ws = await setup();
    const empty = await request<EventPage>(ws.server, 'GET /api/v1/events', { key: ws.key });
    expect(empty.body).toEqual({ data: [], nextCursor: expect.any(String), hasMore: false });
    await request(ws.server, 'POST /api/v1/visitors', { key: ws.key, body: { name: 'First' } });
    const next = await request<EventPage>(
      ws.server,
      `GET /api/v1/events?after=${encodeURIComponent(empty.body.nextCursor)}`,
      { key: ws.key },
    );
    expect(next.body.data.map((event) => event.type)).toEqual(['visitor.created']);
  });

  it('shows only the caller’s workspace', async () => {
    const ws = await setup();
    await writeBurst(ws, 3);
    const other = await foreignKey(ws.server);
    const page = await request<EventPage>(ws.server, 'GET /api/v1/events', { key: other });
    expect(page.body.data).toEqual([]);
  });

  it('refuses a tampered, foreign-list or other-workspace cursor with 400 invalid_cursor', async () => {
    const ws = await setup();
    await writeBurst(ws, 3);
    const page = await request<EventPage>(ws.server, 'GET /api/v1/events?limit=1', { key: ws.key });
    const visitors = await request(ws.server, 'GET /api/v1/visitors?limit=1', { key: ws.key });
    const other = await foreignKey(ws.server);
    const foreign = await request<EventPage>(ws.server, 'GET /api/v1/events?limit=1', { key: other });
    for (const [key, after] of [
      [ws.key, `${page.body.nextCursor}x`],
      [ws.key, 'garbage'],
      [ws.key, visitors.body.nextCursor],
      [other, page.body.nextCursor],
      [ws.key, foreign.body.nextCursor],
    ] as const) {
      const response = await request(ws.server, `GET /api/v1/events?after=${encodeURIComponent(after)}`, {
        key,
      });
      expect(response.status, after).toBe(400);
      expect(response.body.code).toBe('invalid_cursor');
    }
  });

  it('refuses an unknown type, an unknown resource type and an out-of-range limit with 400 validation_failed', async () => {
    const ws = await setup();
    for (const query of ['types=conversation.exploded', 'resourceTypes=planet', 'limit=0', 'limit=101']) {
      const response = await request(ws.server, `GET /api/v1/events?${query}`, { key: ws.key });
      expect(response.status, query).toBe(400);
      expect(response.body.code).toBe('validation_failed');
    }
  });

  it('needs events.read', async () => {
    const ws = await setup();
    const { key } = await ws.newKey(['visitors.read']);
    const response = await request(ws.server, 'GET /api/v1/events', { key });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('insufficient_scope');
  });
});

describe('GET /events/{eventId}', () => {
  it('returns the event exactly as the feed does', async () => {
    const ws = await setup();
    await writeBurst(ws, 3);
    const page = await request<EventPage>(ws.server, 'GET /api/v1/events', { key: ws.key });
    const [event] = page.body.data;
    const one = await request(ws.server, `GET /api/v1/events/${event?.id}`, { key: ws.key });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(event);
  });

  it('is a 404 for an unknown event and for another workspace’s event', async () => {
    const ws = await setup();
    await writeBurst(ws, 1);
    const page = await request<EventPage>(ws.server, 'GET /api/v1/events', { key: ws.key });
    const other = await foreignKey(ws.server);
    for (const [key, id] of [
      [ws.key, 'evt_nope'],
      [other, page.body.data[0]?.id],
    ] as const) {
      const response = await request(ws.server, `GET /api/v1/events/${id}`, { key });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('not_found');
    }
  });
});
