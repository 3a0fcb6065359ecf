/**
 * A real webhook receiver for delivery tests: node:http on 127.0.0.1, port 0. Every request is
 * verified with `@opencom/webhooks` against the engine's clock, and answered from a script
 * (default 200 "ok"), so tests can make a receiver fail, throttle, vanish, redirect or hang.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type OpencomEvent, verifyWebhookSync } from '@opencom/webhooks';
import { afterEach } from 'vitest';

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer (the sender's timeout ends the attempt). */
  hang?: boolean;
  /** Answer after this much real time: a slow receiver. */
  delayMs?: number;
}

export interface ReceivedDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The verified, parsed event; null when verification failed (see `error`). */
  event: OpencomEvent | null;
  error: string | null;
}

export interface Receiver {
  url: string;
  received: ReceivedDelivery[];
  /** The most requests it had open at once. */
  maxConcurrent: number;
  /** Secrets accepted by verification; set once the subscription (and its secret) exists. */
  secrets: string[];
  /** Replies for the next requests, in order; after them every request gets `fallback`. */
  script(...replies: Reply[]): void;
  fallback: Reply;
  close(): Promise<void>;
}

const started: Receiver[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((receiver) => receiver.close()));
});

/** Starts a receiver; `now` is the engine clock, so `webhook-timestamp` checks use simulated time. */
export async function startReceiver(now: () => number): Promise<Receiver> {
  const queue: Reply[] = [];
  const sockets = new Set<Socket>();
  const receiver: Receiver = {
    url: '',
    received: [],
    maxConcurrent: 0,
    secrets: [],
    fallback: { status: 200, body: 'ok' },
    script: (...replies) => {
      queue.push(...replies);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  let open = 0;
  const server = createServer((req, res) => {
    receiver.maxConcurrent = Math.max(receiver.maxConcurrent, ++open);
    res.on('close', () => open--);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let event: OpencomEvent | null = null;
      let error: string | null = null;
      try {
        event = verifyWebhookSync({ body, headers: req.headers, secrets: receiver.secrets, now: now() });
      } catch (caught) {
        error = caught instanceof Error ? caught.message : String(caught);
      }
      receiver.received.push({ path: req.url ?? '/', headers: req.headers, body, event, error });
      const reply = queue.shift() ?? receiver.fallback;
      if (reply.hang) return;
      const answer = () => {
        res.writeHead(reply.status ?? 200, reply.headers ?? {});
        res.end(reply.body ?? '');
      };
      if (reply.delayMs === undefined) answer();
      else setTimeout(answer, reply.delayMs);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  started.push(receiver);
  return receiver;
}
