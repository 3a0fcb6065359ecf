// Runtime-neutral on purpose: only Fetch-API globals and @opencom/webhooks, which picks its Web Crypto
// build on Workers, Vercel Edge, Deno Deploy and browsers, and its node:crypto build on Node and Bun.
import { createDeduper, createWebhookHandler, type Deduper, type OpencomEvent } from '@opencom/webhooks';

export interface ReceiverOptions {
  /** The subscription's `whsec_…` secret; two during a rotation (`[next, current]`). */
  secrets: readonly string[];
  /** Your work, once per event (retries and replays are deduped); a throw answers 500 so Opencom retries. */
  onEvent: (event: OpencomEvent, context: { webhookId: string }) => unknown;
  /** Default: in memory, per instance. On a Worker, back it with KV or a Durable Object. */
  deduper?: Deduper;
  /** Receives unexpected errors (the response is a plain 500 either way). */
  onError?: (error: unknown) => void;
}

/** The receiver: `POST /webhooks/opencom` verifies and dedupes, `GET /healthz` answers, the rest is 404. */
export function createReceiver(options: ReceiverOptions): (request: Request) => Promise<Response> {
  const { secrets, onEvent, onError = () => undefined } = options;
  const webhook = createWebhookHandler({
    secrets,
    deduper: options.deduper ?? createDeduper(),
    onEvent: (event, { webhookId }) => onEvent(event, { webhookId }),
  });
  return async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/healthz') return Response.json({ ok: true });
    if (pathname !== '/webhooks/opencom') return Response.json({ error: 'not_found' }, { status: 404 });
    try {
      return await webhook(request);
    } catch (error) {
      onError(error);
      return Response.json({ error: 'internal_error' }, { status: 500 }); // no stack trace to the sender
    }
  };
}
