// packages/webhooks/README.md, "Deduplicating retries".
import type { OpencomEvent } from '@opencom/webhooks';

declare const event: OpencomEvent;
declare function handle(event: OpencomEvent): Promise<void>;

// #region sample
import { createDeduper } from '@opencom/webhooks';

const deduper = createDeduper({ ttlSeconds: 86_400 }); // in-memory LRU by default

const result = await deduper.run(event.id, () => handle(event));
// { status: 'processed', value } | { status: 'duplicate' } | { status: 'in_progress' }
// #endregion
