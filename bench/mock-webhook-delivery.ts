// End-to-end webhook delivery of the reference server on loopback, with 10 subscriptions: a write
// through the API (`POST /api/v1/visitors`, in-process `handle()`) emits `visitor.created`; the
// delivery worker signs it once per subscription and POSTs it over real HTTP; a node:http receiver
// verifies every request with `verifyWebhookSync` from @opencom/webhooks. A delivery's latency runs
// from the write being issued to the receiver having verified it. The receiver runs in its own
// process, as a real one does, so the server's event loop is measured alone.
//
// Two phases, same run: `sequential` writes one event at a time and waits for its 10 deliveries
// (latency without queueing); `burst` issues every write at once (throughput, and latency under load).
//
//   pnpm --filter @opencom/bench bench:mock-delivery      (~15 s)

import { type ChildProcess, fork } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockServer, ManualClock } from '@opencom/mock-server';
import { verifyWebhookSync } from '@opencom/webhooks';

const SUBSCRIPTIONS = 10;
const WARMUP_EVENTS = 200;
const SEQUENTIAL_EVENTS = 1_000;
const BURST_EVENTS = 2_000;

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
const wallNow = () => performance.timeOrigin + performance.now();

type ToReceiver = { secrets: string[]; clockMs: number };
/** `verified`: write number and when its delivery was verified; `failed`: a verification error. */
type FromReceiver = { port: number } | { verified: number; at: number } | { failed: string };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The receiver process: one path per subscription (`/hooks/<i>`), each verified with its own secret. */
async function receiverProcess({ secrets, clockMs }: ToReceiver) {
  const send = (message: FromReceiver) => process.send?.(message);
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    try {
      const secret = secrets[Number(req.url?.split('/')[2])] ?? '';
      // The server's clock is a ManualClock started at the wall time and never moved.
      const event = verifyWebhookSync({ body, headers: req.headers, secret, now: clockMs });
      const at = wallNow();
      send({ verified: Number((event.data as { name: string }).name.slice('bench-'.length)), at });
      res.writeHead(204).end();
    } catch (error) {
      send({ failed: String(error) });
      res.writeHead(400).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  send({ port: (server.address() as AddressInfo).port });
}

async function main() {
  const clock = new ManualClock(Date.now());
  const server = createMockServer({ clock, rateLimits: false, seed: 7 });

  async function call(
    method: string,
    path: string,
    body: unknown,
    key?: string,
  ): Promise<Record<string, string>> {
    const response = await server.handle(
      new Request(`http://bench${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify(body),
      }),
    );
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, string>;
  }

  // A workspace and a key; subscriptions once the receiver's port is known.
  const workspace = await call('POST', '/__control/workspaces', { name: 'Bench' });
  const credential = await call('POST', '/__control/credentials', {
    workspaceId: workspace.id,
    name: 'bench',
    actorName: 'bench',
    scopes: ['visitors.write', 'webhooks.manage'],
  });
  const key = credential.secret ?? '';
  // Secrets are created by the server, so the receiver gets them before it starts listening:
  // subscribe to a placeholder URL, then point every subscription at the receiver.
  const hooks: { id: string; secret: string }[] = [];
  for (let i = 0; i < SUBSCRIPTIONS; i++) {
    const hook = await call(
      'POST',
      '/api/v1/webhooks',
      { url: 'http://127.0.0.1:9/pending', status: 'paused' },
      key,
    );
    hooks.push({ id: hook.id ?? '', secret: hook.secret ?? '' });
  }
  const data: ToReceiver = { secrets: hooks.map((hook) => hook.secret), clockMs: clock.now() };
  // The same file, as the receiver; execArgv carries tsx's loader along.
  const receiver: ChildProcess = fork(new URL(import.meta.url), ['--receiver', JSON.stringify(data)], {
    execArgv: process.execArgv,
  });

  /** Write number → when it was issued, and how many of its deliveries are still to verify. */
  const pending = new Map<number, { issuedAt: number; left: number; done: () => void }>();
  let latencies: number[] = [];
  let failures = 0;
  const port = await new Promise<number>((resolve) => {
    receiver.on('message', (message: FromReceiver) => {
      if ('port' in message) return resolve(message.port);
      if ('failed' in message) {
        failures++;
        return;
      }
      const entry = pending.get(message.verified);
      if (!entry) return;
      latencies.push(message.at - entry.issuedAt);
      if (--entry.left === 0) {
        pending.delete(message.verified);
        entry.done();
      }
    });
  });
  for (const [i, hook] of hooks.entries()) {
    await call(
      'PATCH',
      `/api/v1/webhooks/${hook.id}`,
      { url: `http://127.0.0.1:${port}/hooks/${i}`, status: 'active' },
      key,
    );
  }

  let writes = 0;
  /** Issues one write; resolves once all of its deliveries were verified. */
  function write(): Promise<void> {
    const n = writes++;
    const delivered = new Promise<void>((done) => {
      pending.set(n, { issuedAt: wallNow(), left: SUBSCRIPTIONS, done });
    });
    return call('POST', '/api/v1/visitors', { name: `bench-${n}` }, key).then(() => delivered);
  }

  const percentile = (sorted: number[], p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

  async function phase(name: string, events: number, run: () => Promise<void>) {
    latencies = [];
    const started = performance.now();
    await run();
    const seconds = (performance.now() - started) / 1000;
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      phase: name,
      events,
      deliveries: sorted.length,
      'p50 ms': percentile(sorted, 0.5).toFixed(2),
      'p99 ms': percentile(sorted, 0.99).toFixed(2),
      'max ms': (sorted.at(-1) ?? Number.NaN).toFixed(2),
      'deliveries/s': Math.round(sorted.length / seconds),
    };
  }

  await phase('warm-up', WARMUP_EVENTS, async () => {
    for (let i = 0; i < WARMUP_EVENTS; i++) await write();
  });
  const results = [
    await phase('sequential', SEQUENTIAL_EVENTS, async () => {
      for (let i = 0; i < SEQUENTIAL_EVENTS; i++) await write();
    }),
    await phase('burst', BURST_EVENTS, async () => {
      await Promise.all(Array.from({ length: BURST_EVENTS }, () => write()));
    }),
  ];
  await server.deliveries.idle();

  const deliveries = [...server.store.deliveries.values()];
  const firstTry = deliveries.filter((d) => d.status === 'succeeded' && d.attemptCount === 1).length;
  console.log(
    `Node ${process.version}, ${SUBSCRIPTIONS} subscriptions on loopback, receiver in its own process\n`,
  );
  console.table(results);
  console.log(
    `${firstTry}/${deliveries.length} deliveries succeeded on the first attempt; ${failures} failed verification`,
  );
  receiver.kill();
}

if (process.argv[2] === '--receiver')
  await receiverProcess(JSON.parse(process.argv[3] ?? '{}') as ToReceiver);
else await main();
