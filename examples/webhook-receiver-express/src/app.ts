import {
  createDeduper,
  createWebhookMiddleware,
  type Deduper,
  type OpencomEvent,
  type WebhookHandlerContext,
} from '@opencom/webhooks';
import express, { type ErrorRequestHandler, type Express } from 'express';

export interface ReceiverAppOptions {
  /** The subscription's `whsec_…` secret; two during a rotation (`[next, current]`). */
  secrets: readonly string[];
  /** Your work, once per event (retries and replays are deduped); a throw answers 500 so Opencom retries. */
  onEvent: (event: OpencomEvent, context: Pick<WebhookHandlerContext, 'webhookId'>) => unknown;
  /** Default: in memory. Behind a load balancer, pass one backed by a shared store (Redis, a database). */
  deduper?: Deduper;
  /** Receives unexpected errors (the response is a plain 500 either way). Default: console.error. */
  onError?: (error: unknown) => void;
}

/**
 * An Express 5 app with one webhook route. `createWebhookMiddleware` reads the raw request bytes
 * itself, verifies the signature and timestamp over exactly those bytes (400 with the reason
 * otherwise), and dedupes on `webhook-id` before `onEvent` runs.
 */
export function createReceiverApp(options: ReceiverAppOptions): Express {
  const { secrets, onEvent, onError = (error) => console.error(error) } = options;
  const app = express();

  // Before any body parser: express.json() would consume the bytes the signature covers.
  app.post(
    '/webhooks/opencom',
    createWebhookMiddleware({
      secrets,
      deduper: options.deduper ?? createDeduper(),
      onEvent: (event, { webhookId }) => onEvent(event, { webhookId }),
    }),
  );

  // The rest of the app parses JSON as usual.
  app.use(express.json());
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  const internalError: ErrorRequestHandler = (error, _req, res, _next) => {
    onError(error);
    res.status(500).json({ error: 'internal_error' }); // no stack trace to the sender
  };
  app.use(internalError);
  return app;
}
