// packages/webhooks/README.md, "Next.js route handler (App Router)".
declare function notifySlack(messageId: string, webhookId: string): Promise<void>;

// #region sample
// app/api/webhooks/opencom/route.ts
import { createWebhookHandler, isKnownEvent } from '@opencom/webhooks';

export const POST = createWebhookHandler({
  secret: process.env.OPENCOM_WEBHOOK_SECRET!,
  async onEvent(event, { webhookId }) {
    if (isKnownEvent(event) && event.type === 'message.created') {
      await notifySlack(event.data.id, webhookId);
    }
    // return a Response to answer with it; otherwise the handler answers 204
  },
});
// #endregion
