import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.js';

const clock = () => {
  let now = 1_700_000_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe('createMemoryStore({ maxEntries, now })', () => {
  it('setIfAbsent stores once until the entry expires', () => {
    const time = clock();
    const store = createMemoryStore({ now: time.now });
    expect(store.setIfAbsent('a', '1', 60)).toBe(true);
    expect(store.setIfAbsent('a', '2', 60)).toBe(false);
    expect(store.get('a')).toBe('1');
    time.advance(59_999);
    expect(store.get('a')).toBe('1');
    time.advance(1);
    expect(store.get('a')).toBeUndefined();
    expect(store.setIfAbsent('a', '3', 60)).toBe(true);
  });

  it('set replaces the value and the expiry; delete removes it', () => {
    const time = clock();
    const store = createMemoryStore({ now: time.now });
    store.set('a', '1', 1);
    store.set('a', '2', 10);
    time.advance(5_000);
    expect(store.get('a')).toBe('2');
    store.delete('a');
    expect(store.get('a')).toBeUndefined();
  });

  it('evicts the least recently used key beyond maxEntries', () => {
    const store = createMemoryStore({ maxEntries: 2 });
    store.set('a', '1', 60);
    store.set('b', '2', 60);
    expect(store.get('a')).toBe('1'); // a is now the most recent
    store.set('c', '3', 60);
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')).toBe('1');
    expect(store.get('c')).toBe('3');
  });

  it('refuses a non-positive maxEntries', () => {
    expect(() => createMemoryStore({ maxEntries: 0 })).toThrow(/maxEntries/);
  });
});
