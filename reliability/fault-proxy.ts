/**
 * A TCP proxy on 127.0.0.1 that sits between a client and a server and, per request, passes it,
 * refuses it (the connection drops before the server sees anything), delays it, or cuts the
 * connection once the server starts answering (the write is committed but the client never hears).
 */
import { createConnection, createServer, type Socket } from 'node:net';

export type ProxyFault = 'pass' | 'refuse' | 'delay' | 'cut_response';

export interface FaultProxy {
  url: string;
  /** Picks the fault for the next request; called once per request seen. */
  choose: () => { fault: ProxyFault; delayMs: number };
  readonly injected: Record<Exclude<ProxyFault, 'pass'>, number>;
  close(): Promise<void>;
}

const REQUEST_LINE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \//;

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const proxy: FaultProxy = {
    url: '',
    choose: () => ({ fault: 'pass', delayMs: 0 }),
    injected: { refuse: 0, delay: 0, cut_response: 0 },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = createServer((client) => {
    track(client);
    const upstream = createConnection(target);
    track(upstream);
    let cutOnResponse = false;
    // Chunks are forwarded in order even when one of them is held back by a delay.
    let queue = Promise.resolve();
    client.on('data', (chunk: Buffer) => {
      const starts = REQUEST_LINE.test(chunk.subarray(0, 16).toString('latin1'));
      const { fault, delayMs } = starts ? proxy.choose() : { fault: 'pass' as const, delayMs: 0 };
      if (fault !== 'pass') proxy.injected[fault]++;
      if (fault === 'refuse') {
        client.destroy();
        upstream.destroy();
        return;
      }
      if (fault === 'cut_response') cutOnResponse = true;
      queue = queue.then(async () => {
        if (fault === 'delay') await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (!upstream.destroyed) upstream.write(chunk);
      });
    });
    upstream.on('data', (chunk: Buffer) => {
      if (cutOnResponse) {
        client.resetAndDestroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  proxy.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return proxy;
}
