import { usageError } from './errors.js';
import { createMemoryStore, type DedupeStore } from './memory-store.js';

/**
 * The outcome of {@link Deduper.run}: the handler ran (`processed`), or it did not because the id
 * already succeeded (`duplicate`) or is being handled right now by another request (`in_progress`).
 *
 * @example
 * ```ts
 * const result: DedupeResult<void> = await deduper.run(event.id, () => handle(event));
 * if (result.status === 'in_progress') return new Response(null, { status: 409 });
 * ```
 */
export type DedupeResult<T> =
  | { status: 'processed'; value: T }
  | { status: 'duplicate' }
  | { status: 'in_progress' };

/**
 * Makes retried and replayed deliveries a no-op, keyed on `webhook-id` (the event id, stable across
 * retries and replays). See {@link createDeduper}.
 *
 * @example
 * ```ts
 * const deduper: Deduper = createDeduper({ ttlSeconds: 86_400 });
 * ```
 */
export interface Deduper {
  /**
   * Runs `handler` unless `id` was already handled successfully or is being handled. A handler that
   * throws releases the id (so the sender's retry runs it again) and the error propagates.
   */
  run<T>(id: string, handler: () => T | PromiseLike<T>): Promise<DedupeResult<T>>;
  /** Whether `id` was handled successfully within the TTL. */
  seen(id: string): Promise<boolean>;
  /** Forgets `id`, so its next delivery runs the handler again. */
  forget(id: string): Promise<void>;
}

/**
 * Options of {@link createDeduper}.
 *
 * @example
 * ```ts
 * const options: DeduperOptions = { store: createMemoryStore(), ttlSeconds: 86_400, lockSeconds: 60 };
 * ```
 */
export interface DeduperOptions {
  /** Default: {@link createMemoryStore} (single process). */
  store?: DedupeStore;
  /** How long a handled id is remembered. Default 86 400 (24 h, longer than Opencom's whole retry chain). */
  ttlSeconds?: number;
  /** How long an id stays locked while its handler runs, so a crashed process cannot block it forever. Default 60. */
  lockSeconds?: number;
  /** Prefix of the store keys. Default `'opencom:webhook:'`. */
  keyPrefix?: string;
  /** The clock of the default memory store, epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

const DONE = 'done';
const LOCKED = 'processing';

/**
 * Creates a {@link Deduper}: retried or replayed deliveries of an event run your handler once.
 * A concurrent duplicate gets `in_progress` (answer it with a non-2xx such as 409 so the sender retries
 * later, in case the first attempt fails); a handler that throws releases the id.
 *
 * @example
 * ```ts
 * import { createDeduper, verifyWebhook } from '@opencom/webhooks';
 *
 * const deduper = createDeduper({ ttlSeconds: 86_400 });
 *
 * const event = await verifyWebhook({ body, headers, secret });
 * const result = await deduper.run(event.id, () => handle(event));
 * if (result.status === 'duplicate') console.log('already handled', event.id);
 * ```
 */
export function createDeduper(options: DeduperOptions = {}): Deduper {
  const { ttlSeconds = 86_400, lockSeconds = 60, keyPrefix = 'opencom:webhook:' } = options;
  for (const [name, value] of [
    ['ttlSeconds', ttlSeconds],
    ['lockSeconds', lockSeconds],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw usageError(`\`${name}\` must be a positive integer`);
  }
  const store = options.store ?? createMemoryStore(options.now === undefined ? {} : { now: options.now });
  const keyOf = (id: string) => {
    if (typeof id !== 'string' || id.length === 0) throw usageError('a dedupe id must be a non-empty string');
    return keyPrefix + id;
  };

  return {
    async run(id, handler) {
      const key = keyOf(id);
      if (!(await store.setIfAbsent(key, LOCKED, lockSeconds))) {
        // Anything but a recorded success (locked, or released a moment ago by a failed handler) means
        // "try again later": answering it as a duplicate could drop an event whose first attempt fails.
        return (await store.get(key)) === DONE ? { status: 'duplicate' } : { status: 'in_progress' };
      }
      let value: Awaited<ReturnType<typeof handler>>;
      try {
        value = await handler();
      } catch (error) {
        await store.delete(key);
        throw error;
      }
      await store.set(key, DONE, ttlSeconds);
      return { status: 'processed', value };
    },
    async seen(id) {
      return (await store.get(keyOf(id))) === DONE;
    },
    async forget(id) {
      await store.delete(keyOf(id));
    },
  };
}
