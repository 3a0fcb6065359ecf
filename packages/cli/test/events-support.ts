/**
 * Support for the webhooks and events suites: a webhook receiver on 127.0.0.1:0 (closed after the
 * test) and a way to make the server record an event.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type OpencomEvent, verifyWebhook, WebhookVerificationError } from '@opencom/webhooks';
import { expect, onTestFinished } from 'vitest';
import type { TestServer } from './support';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The verified event, when the receiver has a `secret` and the request verified. */
  event: OpencomEvent | null;
  /** Why verification failed (`bad_signature`, ...), answered with a 401. */
  rejection: string | null;
}

export interface Receiver {
  /** `http://127.0.0.1:<port>`; any path is accepted and recorded. */
  url: string;
  /** The answer to requests that are not rejected (default 200, body "ok"; else "receiver is down"). */
  status: number;
  /** When set, every request is verified with `verifyWebhook`, as an app would. */
  secret: string | null;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/** Starts a receiver; `now` is the clock that signatures are checked against (default: real time). */
export async function startReceiver(options: { now?: () => number } = {}): Promise<Receiver> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', async () => {
      const request: ReceivedRequest = {
        path: req.url ?? '',
        headers: req.headers,
        body,
        event: null,
        rejection: null,
      };
      receiver.received.push(request);
      if (receiver.secret !== null) {
        try {
          const now = options.now?.();
          request.event = await verifyWebhook({
            body,
            headers: req.headers,
            secret: receiver.secret,
            ...(now === undefined ? {} : { now }),
          });
        } catch (error) {
          if (!(error instanceof WebhookVerificationError)) throw error;
          request.rejection = error.reason;
          res.writeHead(401).end(error.reason);
          return;
        }
      }
      res.writeHead(receiver.status).end(receiver.status < 300 ? 'ok' : 'receiver is down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const receiver: Receiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    status: 200,
    secret: null,
    received: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  onTestFinished(() => (server.listening ? receiver.close() : undefined));
  return receiver;
}

/** Creates a collection through the API, so the server records a `collection.created` event; returns its ID. */
export async function createCollection(ts: TestServer, name: string): Promise<string> {
  const response = await fetch(`${ts.url}/api/v1/collections`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ts.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}
