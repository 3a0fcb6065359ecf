// packages/webhooks/README.md, "The first five minutes", step 2: a receiver.

// #region sample
import { createServer } from 'node:http';
import { createDeduper, createWebhookMiddleware } from '@opencom/webhooks';

createServer(
  createWebhookMiddleware({
    secret: process.env.OPENCOM_WEBHOOK_SECRET!,
    deduper: createDeduper(), // a retried or replayed delivery runs onEvent once
    onEvent: (event) => console.log(event.type, event.id),
  }),
).listen(3000);
// #endregion
