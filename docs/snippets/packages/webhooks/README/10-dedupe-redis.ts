// packages/webhooks/README.md, "Deduplicating retries", a shared store.

// #region sample
import Redis from 'ioredis';
import { createDeduper, type DedupeStore } from '@opencom/webhooks';

const redis = new Redis();
const store: DedupeStore = {
  setIfAbsent: async (key, value, ttl) => (await redis.set(key, value, 'EX', ttl, 'NX')) === 'OK',
  set: async (key, value, ttl) => void (await redis.set(key, value, 'EX', ttl)),
  get: (key) => redis.get(key),
  delete: async (key) => void (await redis.del(key)),
};
const deduper = createDeduper({ store, ttlSeconds: 86_400, lockSeconds: 60 });
// #endregion
