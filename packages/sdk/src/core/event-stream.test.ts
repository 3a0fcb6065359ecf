import { describe, expect, it } from 'vitest';
import type { Clock } from './clock';
import { EventStream } from './event-stream';
import type { PageBody } from './pagination';

/** A feed whose pages are scripted; sleeps resolve at once and are recorded. */
function feed(pages: PageBody<string>[]) {
  const reads: (string | undefined)[] = [];
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => 0,
    setTimer(ms, callback) {
      sleeps.push(ms);
      queueMicrotask(callback);
      return () => undefined;
    },
  };
  const read = async (after: string | undefined) => {
    reads.push(after);
    return pages.shift() ?? { data: [], nextCursor: after ?? 'c0', hasMore: false };
  };
  return { reads, sleeps, clock, read };
}

describe('EventStream', () => {
  it('reads forward, passes nextCursor as after, and backs off while the feed is empty', async () => {
    const f = feed([
      { data: ['a', 'b'], nextCursor: 'c2', hasMore: true },
      { data: ['c'], nextCursor: 'c3', hasMore: false },
      { data: [], nextCursor: 'c3', hasMore: false },
      { data: [], nextCursor: 'c3', hasMore: false },
      { data: [], nextCursor: 'c3', hasMore: false },
      { data: ['d'], nextCursor: 'c4', hasMore: false },
    ]);
    const stream = new EventStream(f.read, f.clock, {
      after: 'c0',
      pollIntervalMs: 100,
      maxPollIntervalMs: 250,
    });
    const seen: string[] = [];
    for await (const event of stream) {
      seen.push(event);
      if (event === 'd') break;
    }
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
    expect(f.reads).toEqual(['c0', 'c2', 'c3', 'c3', 'c3', 'c3']);
    // After a non-empty page at the head: the base interval; then doubling while empty, capped.
    expect(f.sleeps).toEqual([100, 200, 250, 250]);
    expect(stream.cursor).toBe('c4');
  });

  it('exposes a cursor that never skips an event: mid-page it is the start of the page', async () => {
    const f = feed([{ data: ['a', 'b', 'c'], nextCursor: 'c3', hasMore: true }]);
    const stream = new EventStream(f.read, f.clock, { after: 'c0' });
    const cursors: (string | undefined)[] = [];
    for await (const event of stream) {
      cursors.push(stream.cursor);
      if (event === 'c') break;
    }
    expect(cursors).toEqual(['c0', 'c0', 'c3']);
  });

  it('ends quietly when its signal aborts, even while waiting', async () => {
    const controller = new AbortController();
    const f = feed([{ data: ['a'], nextCursor: 'c1', hasMore: false }]);
    // The wait at the head never ends by itself; the abort ends it.
    f.clock.setTimer = () => {
      controller.abort();
      return () => undefined;
    };
    const seen: string[] = [];
    for await (const event of new EventStream(f.read, f.clock, { signal: controller.signal }))
      seen.push(event);
    expect(seen).toEqual(['a']);
  });

  it('passes read errors on', async () => {
    const f = feed([]);
    const stream = new EventStream(() => Promise.reject(new Error('down')), f.clock);
    await expect(async () => {
      for await (const _ of stream) {
        // unreachable
      }
    }).rejects.toThrow('down');
  });
});
