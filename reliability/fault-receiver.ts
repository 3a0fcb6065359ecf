/**
 * A webhook receiver on 127.0.0.1 that misbehaves on a script: answers an error status (with
 * headers such as `Retry-After` or `Location`), answers slowly, never answers, or resets the
 * connection. It records which verified event IDs it accepted with a 2xx.
 */
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { verifyWebhookSync } from '@opencom/webhooks';

export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'hang' }
  | { kind: 'reset' };

export interface FaultReceiver {
  url: string;
  secrets: string[];
  /** Faults for the next requests, in order; then every request is answered 200. */
  script: Fault[];
  /** Event IDs (`webhook-id`) that verified and were answered with a 2xx. */
  accepted: string[];
  /** Requests whose signature did not verify. */
  unverified: number;
  faultsInjected: number;
  close(): Promise<void>;
}

export async function startFaultReceiver(now: () => number): Promise<FaultReceiver> {
  const sockets = new Set<Socket>();
  const receiver: FaultReceiver = {
    url: '',
    secrets: [],
    script: [],
    accepted: [],
    unverified: 0,
    faultsInjected: 0,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let id: string | null = null;
      try {
        id = verifyWebhookSync({ body, headers: req.headers, secrets: receiver.secrets, now: now() }).id;
      } catch {
        receiver.unverified++;
      }
      const fault = receiver.script.shift();
      if (fault) receiver.faultsInjected++;
      if (fault?.kind === 'hang') return;
      if (fault?.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      const answer = () => {
        const status = fault?.kind === 'status' ? fault.status : 200;
        if (status < 300 && id !== null) receiver.accepted.push(id);
        res.writeHead(status, fault?.kind === 'status' ? fault.headers : {});
        res.end('ok');
      };
      if (fault?.kind === 'slow') setTimeout(answer, fault.delayMs);
      else answer();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}
