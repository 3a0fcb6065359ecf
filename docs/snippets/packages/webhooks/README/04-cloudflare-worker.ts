// packages/webhooks/README.md, "Cloudflare Worker" (the two Workers types, as @cloudflare/workers-types declares them).
interface Queue {
  send(message: unknown): Promise<void>;
}
type ExportedHandler<E> = { fetch?(request: Request, env: E): Response | Promise<Response> };

// #region sample
import { createWebhookHandler } from '@opencom/webhooks';

interface Env {
  OPENCOM_WEBHOOK_SECRET: string;
  EVENTS: Queue;
}

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    const handler = createWebhookHandler({
      secret: env.OPENCOM_WEBHOOK_SECRET,
      onEvent: (event) => env.EVENTS.send(event), // acknowledge fast, work in the queue consumer
    });
    return handler(request);
  },
} satisfies ExportedHandler<Env>;
// #endregion
