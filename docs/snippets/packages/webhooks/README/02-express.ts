// packages/webhooks/README.md, "Express (and node:http)".
declare const tickets: { open(conversationId: string): Promise<void> };
declare const search: { index(messageId: string): Promise<void> };

// #region sample
import express from 'express';
import { createDeduper, createWebhookMiddleware, isKnownEvent } from '@opencom/webhooks';

const app = express();

app.post(
  '/webhooks/opencom',
  createWebhookMiddleware({
    secret: process.env.OPENCOM_WEBHOOK_SECRET!,
    deduper: createDeduper(), // retries and replays of an event run onEvent once
    async onEvent(event) {
      if (!isKnownEvent(event)) return; // a type newer than this package: acknowledge and ignore
      switch (event.type) {
        case 'conversation.created':
          await tickets.open(event.data.id);
          break;
        case 'message.created':
          await search.index(event.data.id);
          break;
      }
    },
  }),
);

app.use(express.json()); // the rest of the app, after the webhook route

app.listen(3000);
// #endregion
