import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createDeduper,
  createWebhookMiddleware,
  type Deduper,
  type NodeWebhookContext,
  type OpencomEvent,
} from '@opencom/webhooks';

export interface WebhookReceiverOptions {
  /** The subscription's `whsec_…` secret (shown once when the subscription is created). */
  secret: string;
  /** Runs once per verified, new delivery; a throw answers 500 so the sender retries. */
  onEvent: (event: OpencomEvent, context: NodeWebhookContext) => unknown;
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default `/webhooks/opencom`; other paths get 404. */
  path?: string;
  /** Default: an in-memory deduper on `webhook-id` (retries and replays run `onEvent` once). */
  deduper?: Deduper;
}

export interface WebhookReceiver {
  /** The URL to subscribe: origin plus path. */
  url: string;
  close(): Promise<void>;
}

/**
 * A node:http receiver for Opencom webhooks: `@opencom/webhooks` reads the raw body, verifies the
 * Standard Webhooks signature and timestamp (400 with the reason otherwise) and dedupes on
 * `webhook-id` before `onEvent` runs.
 */
export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<WebhookReceiver> {
  const { secret, onEvent, port = 0, host = '127.0.0.1', path = '/webhooks/opencom' } = options;
  const middleware = createWebhookMiddleware({
    secret,
    deduper: options.deduper ?? createDeduper(),
    onEvent,
  });
  const server: Server = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://receiver').pathname !== path) {
      res.statusCode = 404;
      res.end();
      return;
    }
    void middleware(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${actual}${path}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
