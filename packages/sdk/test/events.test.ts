import { describe, expect, it } from 'vitest';
import { setup } from './support';

describe('opencom.events.stream({ after, types, signal })', () => {
  it('reads the feed forward, waits politely at the head, and resumes from its cursor', async () => {
    const t = await setup();
    const opencom = t.opencom();
    await opencom.tickets.create({ subject: 'A' });
    await opencom.tickets.create({ subject: 'B' });
    const controller = new AbortController();
    const stream = opencom.events.stream({ types: ['ticket.created'], signal: controller.signal, limit: 1 });
    const subjects: string[] = [];
    const loop = (async () => {
      for await (const event of stream) subjects.push(event.data.subject);
    })();
    await t.settle();
    expect(subjects).toEqual(['A', 'B']);
    const cursorAfterB = stream.cursor;

    // Nothing new: the stream polls after 1 s, then waits 2 s, 4 s... while the feed stays empty.
    t.requests.length = 0;
    await t.clock.advance(1_000 + 2_000 + 4_000);
    expect(t.requests.map((r) => r.path.split('?')[0])).toEqual([
      '/api/v1/events',
      '/api/v1/events',
      '/api/v1/events',
    ]);
    const waits = t.clock.sleeps.filter((ms) => ms !== 60_000); // without the request timeouts
    expect(waits.slice(-4)).toEqual([1_000, 2_000, 4_000, 8_000]);

    await opencom.tickets.create({ subject: 'C' });
    await t.clock.advance(8_000);
    expect(subjects).toEqual(['A', 'B', 'C']);

    controller.abort();
    await loop;

    // A new stream from the saved cursor starts right after B.
    const resumed: string[] = [];
    for await (const event of opencom.events.stream({ after: cursorAfterB, types: ['ticket.created'] })) {
      resumed.push(event.data.subject);
      break;
    }
    expect(resumed).toEqual(['C']);
  });

  it("after: 'now' delivers only what happens next", async () => {
    const t = await setup();
    const opencom = t.opencom();
    await opencom.tickets.create({ subject: 'old' });
    const controller = new AbortController();
    const types: string[] = [];
    const loop = (async () => {
      for await (const event of opencom.events.stream({ after: 'now', signal: controller.signal })) {
        types.push(event.type);
      }
    })();
    await t.settle();
    await opencom.tickets.create({ subject: 'new' });
    // The first poll found the feed empty, so the next one comes 2 s later.
    await t.clock.advance(2_000);
    controller.abort();
    await loop;
    expect(types).toEqual(['ticket.created']);
  });
});
