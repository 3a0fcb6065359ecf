import { usageError } from './errors.js';

type MaybePromise<T> = T | Promise<T>;

/**
 * Where a {@link createDeduper} remembers webhook ids. The methods map one-to-one onto Redis
 * (`SET key value NX EX ttl`, `SET key value EX ttl`, `GET`, `DEL`), so any Redis-like client fits in
 * a few lines; sync or async implementations both work.
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * const redis = new Redis();
 * const store: DedupeStore = {
 *   setIfAbsent: async (key, value, ttl) => (await redis.set(key, value, 'EX', ttl, 'NX')) === 'OK',
 *   set: async (key, value, ttl) => void (await redis.set(key, value, 'EX', ttl)),
 *   get: (key) => redis.get(key),
 *   delete: async (key) => void (await redis.del(key)),
 * };
 * ```
 */
export interface DedupeStore {
  /** Stores `value` for `ttlSeconds` only if `key` is absent (or expired); resolves `true` if it stored. */
  setIfAbsent(key: string, value: string, ttlSeconds: number): MaybePromise<boolean>;
  /** Stores `value` for `ttlSeconds`, replacing any current value. */
  set(key: string, value: string, ttlSeconds: number): MaybePromise<void>;
  /** The current value, or `undefined`/`null` when absent or expired. */
  get(key: string): MaybePromise<string | undefined | null>;
  delete(key: string): MaybePromise<void>;
}

/**
 * Options of {@link createMemoryStore}.
 *
 * @example
 * ```ts
 * const options: MemoryStoreOptions = { maxEntries: 50_000 };
 * ```
 */
export interface MemoryStoreOptions {
  /** Least recently used keys are evicted beyond this many. Default 10 000. */
  maxEntries?: number;
  /** The clock, epoch milliseconds. Default `Date.now`. Inject one in tests instead of sleeping. */
  now?: () => number;
}

/**
 * An in-process {@link DedupeStore}: a least-recently-used map with per-key expiry. Right for a single
 * process; use a shared store (Redis) when several instances receive the same endpoint's deliveries.
 *
 * @example
 * ```ts
 * let clock = 0;
 * const store = createMemoryStore({ maxEntries: 1000, now: () => clock });
 * store.setIfAbsent('evt_1', 'done', 60); // true
 * store.setIfAbsent('evt_1', 'done', 60); // false
 * clock += 61_000;
 * store.setIfAbsent('evt_1', 'done', 60); // true again: expired
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): DedupeStore {
  const { maxEntries = 10_000, now = Date.now } = options;
  if (!Number.isInteger(maxEntries) || maxEntries < 1)
    throw usageError('`maxEntries` must be a positive integer');
  // A Map iterates in insertion order, so re-inserting on access keeps the least recent key first.
  const entries = new Map<string, { value: string; expiresAt: number }>();

  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    entries.delete(key);
    entries.set(key, entry);
    return entry;
  };

  const put = (key: string, value: string, ttlSeconds: number) => {
    entries.delete(key);
    entries.set(key, { value, expiresAt: now() + ttlSeconds * 1000 });
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done) break;
      entries.delete(oldest.value);
    }
  };

  return {
    setIfAbsent(key, value, ttlSeconds) {
      if (live(key) !== undefined) return false;
      put(key, value, ttlSeconds);
      return true;
    },
    set: put,
    get: (key) => live(key)?.value,
    delete(key) {
      entries.delete(key);
    },
  };
}
