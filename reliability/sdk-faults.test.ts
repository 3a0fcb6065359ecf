/**
 * The SDK against the reference HTTP server through a TCP proxy that refuses, delays and cuts
 * connections (seeded). Afterwards the server's state is checked: every write the SDK reported as
 * done is there exactly once, and no write is there twice, acknowledged or not.
 */
import { type Clock, Opencom } from '@opencom/sdk';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { type MockServer, startHttpServer } from '../packages/mock-server/src/index';
import { type FaultProxy, type ProxyFault, startFaultProxy } from './fault-proxy';
import { createWorld, recordCounts, request, setup } from './support';

const counts = { writes: 0, acknowledged: 0, faultsInjected: 0 };
afterAll(() => recordCounts('sdk-faults', counts));

/**
 * Real time for request timeouts (`keepAlive: false` timers), but retry backoff that fires at once:
 * the proxy's faults are real I/O, the SDK's waits between retries are not worth sleeping through.
 */
const fastRetries: Clock = {
  now: () => Date.now(),
  setTimer(ms, callback, options) {
    const timer = setTimeout(callback, options?.keepAlive === false ? ms : Math.min(ms, 5));
    return () => clearTimeout(timer);
  },
};

describe('SDK through a faulty network', () => {
  it('concurrent creates and updates: acknowledged writes all present, none duplicated', async () => {
    const world = await setup();
    const { server, key } = world;
    const { opencom, proxy, close } = await throughFaultyProxy(server, key, 31_337);
    try {
      const names = Array.from({ length: 40 }, (_, i) => `visitor-${i}`);
      const acknowledged: string[] = [];
      // Five workers at a time, so faults hit requests that overlap.
      const queue = [...names];
      await Promise.all(
        Array.from({ length: 5 }, async () => {
          for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
            counts.writes++;
            try {
              const visitor = await opencom.visitors.create({ name, email: `${name}@example.com` });
              const updated = await opencom.visitors.update(visitor.id, {
                customAttributes: { plan: 'pro' },
              });
              expect(updated.customAttributes).toMatchObject({ plan: 'pro' });
              acknowledged.push(name);
              counts.acknowledged++;
            } catch (error) {
              // Giving up after maxRetries is allowed; a wrong answer is not.
              expect((error as Error).name, String(error)).toMatch(/Connection|Timeout|Network|Abort/i);
            }
          }
        }),
      );
      counts.faultsInjected += Object.values(proxy.injected).reduce((a, b) => a + b, 0);
      expect(proxy.injected.cut_response).toBeGreaterThan(0);
      expect(acknowledged.length).toBeGreaterThan(30);
      const stored = [...server.store.visitors.values()].filter((v) => v.workspaceId === world.workspaceId);
      const byName = new Map<string, number>();
      for (const visitor of stored) byName.set(visitor.name ?? '', (byName.get(visitor.name ?? '') ?? 0) + 1);
      for (const [name, copies] of byName) expect(copies, `${name} stored twice`).toBe(1);
      for (const name of acknowledged) {
        expect(byName.get(name), `${name} was acknowledged but is missing`).toBe(1);
        const visitor = stored.find((v) => v.name === name);
        expect(visitor?.customAttributes).toMatchObject({ plan: 'pro' });
      }
      // The event feed agrees: one visitor.created per stored visitor.
      const feed = await request(server, 'GET /api/v1/events?types=visitor.created&limit=100', { key });
      expect(feed.body.data).toHaveLength(stored.length);
    } finally {
      await close();
    }
  });

  it('a claimed conversation gets each acknowledged message exactly once, and no message twice', async () => {
    const world = await createWorld();
    const { server, key } = world;
    const conversationId = world.ids.conversationId as string;
    const { opencom, proxy, close } = await throughFaultyProxy(server, key, 4_711);
    try {
      await opencom.claims.claim(conversationId, { leaseSeconds: 900 });
      const acknowledged: string[] = [];
      const contents = Array.from({ length: 30 }, (_, i) => `answer ${i}`);
      await Promise.all(
        contents.map(async (content) => {
          counts.writes++;
          try {
            await opencom.messages.send(conversationId, { content });
            acknowledged.push(content);
            counts.acknowledged++;
          } catch (error) {
            expect((error as Error).name, String(error)).toMatch(/Connection|Timeout|Network|Abort/i);
          }
        }),
      );
      counts.faultsInjected += Object.values(proxy.injected).reduce((a, b) => a + b, 0);
      expect(acknowledged.length).toBeGreaterThan(20);
      const stored = [...server.store.messages.values()].filter((m) => m.conversationId === conversationId);
      for (const content of contents) {
        const copies = stored.filter((m) => m.content === content).length;
        expect(copies, `${content} stored ${copies} times`).toBeLessThanOrEqual(1);
        if (acknowledged.includes(content)) expect(copies, `${content} acknowledged but missing`).toBe(1);
      }
    } finally {
      await close();
    }
  });
});

/**
 * The reference server over HTTP behind a fault proxy playing a seeded script, and an SDK client
 * that reaches it only through the proxy.
 */
async function throughFaultyProxy(server: MockServer, key: string, seed: number) {
  const http = await startHttpServer(server, { port: 0, realTime: false, dashboard: false });
  const target = new URL(http.url);
  const proxy: FaultProxy = await startFaultProxy({ host: target.hostname, port: Number(target.port) });
  const faults = fc.sample(
    fc.record({
      fault: fc.constantFrom<ProxyFault>('pass', 'pass', 'refuse', 'delay', 'cut_response', 'cut_response'),
      delayMs: fc.integer({ min: 5, max: 600 }),
    }),
    { seed, numRuns: 2_000 },
  );
  let next = 0;
  proxy.choose = () => faults[next++ % faults.length] as { fault: ProxyFault; delayMs: number };
  const opencom = new Opencom({
    apiKey: key,
    baseUrl: `${proxy.url}/api/v1`,
    maxRetries: 10,
    timeoutMs: 400,
    clock: fastRetries,
  });
  return {
    opencom,
    proxy,
    close: async () => {
      await proxy.close();
      await http.close();
    },
  };
}
