import { describe, expect, it, vi } from 'vitest';
import { createDeduper } from './dedupe.js';
import { createMemoryStore, type DedupeStore } from './memory-store.js';

const clock = () => {
  let now = 1_700_000_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe('createDeduper({ store, ttlSeconds })', () => {
  it('runs the handler once per id and reports later deliveries as duplicates', async () => {
    const deduper = createDeduper();
    const handler = vi.fn(() => 'ok');
    await expect(deduper.run('evt_1', handler)).resolves.toEqual({ status: 'processed', value: 'ok' });
    await expect(deduper.run('evt_1', handler)).resolves.toEqual({ status: 'duplicate' });
    await expect(deduper.run('evt_2', handler)).resolves.toEqual({ status: 'processed', value: 'ok' });
    expect(handler).toHaveBeenCalledTimes(2);
    await expect(deduper.seen('evt_1')).resolves.toBe(true);
  });

  it('forgets an id after ttlSeconds on the injected clock', async () => {
    const time = clock();
    const deduper = createDeduper({ ttlSeconds: 60, now: time.now });
    await deduper.run('evt_1', () => undefined);
    time.advance(60_000);
    await expect(deduper.seen('evt_1')).resolves.toBe(false);
    await expect(deduper.run('evt_1', () => 'again')).resolves.toEqual({
      status: 'processed',
      value: 'again',
    });
  });

  it('answers in_progress while the first delivery is still being handled', async () => {
    const deduper = createDeduper();
    let finish: () => void = () => undefined;
    const first = deduper.run('evt_1', () => new Promise<void>((resolve) => (finish = resolve)));
    await expect(deduper.run('evt_1', () => 'second')).resolves.toEqual({ status: 'in_progress' });
    finish();
    await expect(first).resolves.toEqual({ status: 'processed', value: undefined });
    await expect(deduper.run('evt_1', () => 'third')).resolves.toEqual({ status: 'duplicate' });
  });

  it('releases the id when the handler throws, so the retry runs it again', async () => {
    const deduper = createDeduper();
    await expect(
      deduper.run('evt_1', () => {
        throw new Error('database down');
      }),
    ).rejects.toThrow('database down');
    await expect(deduper.run('evt_1', () => 'retried')).resolves.toEqual({
      status: 'processed',
      value: 'retried',
    });
  });

  it('lets a crashed handler lock lapse after lockSeconds', async () => {
    const time = clock();
    const store = createMemoryStore({ now: time.now });
    const deduper = createDeduper({ store, lockSeconds: 30 });
    await store.setIfAbsent('opencom:webhook:evt_1', 'processing', 30); // a process died mid-handler
    await expect(deduper.run('evt_1', () => 'x')).resolves.toEqual({ status: 'in_progress' });
    time.advance(30_000);
    await expect(deduper.run('evt_1', () => 'x')).resolves.toEqual({ status: 'processed', value: 'x' });
  });

  it('works with an async Redis-like store and prefixes its keys', async () => {
    const data = new Map<string, string>();
    const store: DedupeStore = {
      setIfAbsent: async (key, value) => {
        if (data.has(key)) return false;
        data.set(key, value);
        return true;
      },
      set: async (key, value) => void data.set(key, value),
      get: async (key) => data.get(key) ?? null,
      delete: async (key) => void data.delete(key),
    };
    const deduper = createDeduper({ store, keyPrefix: 'hooks:' });
    await deduper.run('evt_1', () => undefined);
    expect([...data]).toEqual([['hooks:evt_1', 'done']]);
    await expect(deduper.run('evt_1', () => undefined)).resolves.toEqual({ status: 'duplicate' });
    await deduper.forget('evt_1');
    expect(data.size).toBe(0);
  });

  it('refuses an empty id and invalid durations', async () => {
    await expect(createDeduper().run('', () => undefined)).rejects.toThrow(TypeError);
    expect(() => createDeduper({ ttlSeconds: 0 })).toThrow(/ttlSeconds/);
    expect(() => createDeduper({ lockSeconds: 1.5 })).toThrow(/lockSeconds/);
  });
});
