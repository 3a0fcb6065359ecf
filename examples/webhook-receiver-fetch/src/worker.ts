// The same receiver as a Cloudflare Worker (wrangler deploy src/worker.ts). Secrets live on `env`, so
// the handler is built per request: cheap, since @opencom/webhooks caches the imported key per secret.
// Deduping across instances needs a shared store (KV or a Durable Object) instead of the in-memory one.
import { createReceiver } from './handler';

export interface Env {
  /** `whsec_…`, or `whsec_next,whsec_current` during a rotation (`wrangler secret put`). */
  OPENCOM_WEBHOOK_SECRET: string;
}

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    const receiver = createReceiver({
      secrets: env.OPENCOM_WEBHOOK_SECRET.split(','),
      onEvent: (event, { webhookId }) => console.log(event.type, webhookId),
      onError: (error) => console.error(error),
    });
    return receiver(request);
  },
};
