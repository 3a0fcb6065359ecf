/**
 * Webhook delivery against receivers that time out, reset the connection, answer 500 / 410 / 429
 * with `Retry-After`, redirect, or answer slowly (real HTTP on loopback, random seeded scripts).
 * Every event must reach every matching subscription, or end in a recorded failed chain that a
 * replay recovers: nothing is lost. Time moves on the engine's clock; only receiver I/O is real.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { type Fault, type FaultReceiver, startFaultReceiver } from './fault-receiver';
import { recordCounts, request, setup } from './support';

const counts = { runs: 0, events: 0, faultsInjected: 0, failedChainsReplayed: 0 };
afterAll(() => recordCounts('webhook-faults', counts));

const fault: fc.Arbitrary<Fault> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Fault>({ kind: 'status', status: 500 }) },
  { weight: 2, arbitrary: fc.constant<Fault>({ kind: 'status', status: 410 }) },
  {
    weight: 3,
    arbitrary: fc.integer({ min: 1, max: 20 }).map<Fault>((seconds) => ({
      kind: 'status',
      status: 429,
      headers: { 'Retry-After': String(seconds) },
    })),
  },
  {
    weight: 2,
    arbitrary: fc.constant<Fault>({
      kind: 'status',
      status: 302,
      headers: { Location: 'http://127.0.0.1:9/' },
    }),
  },
  { weight: 3, arbitrary: fc.constant<Fault>({ kind: 'reset' }) },
  {
    weight: 2,
    arbitrary: fc.integer({ min: 10, max: 60 }).map<Fault>((delayMs) => ({ kind: 'slow', delayMs })),
  },
  { weight: 1, arbitrary: fc.constant<Fault>({ kind: 'hang' }) },
);

/** The subscriptions' deliveries, read through the API. */
async function deliveries(server: Parameters<typeof request>[0], key: string) {
  const page = await request(server, 'GET /api/v1/webhook-deliveries?limit=100', { key });
  expect(page.status).toBe(200);
  expect(page.body.hasMore).toBe(false);
  return page.body.data as Array<{ id: string; eventId: string; webhookId: string; status: string }>;
}

describe('webhook delivery under receiver faults', () => {
  it('every event reaches every matching subscription, directly or through replay of its failed chain', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fault, { maxLength: 8 }), { minLength: 3, maxLength: 3 }),
        async (scripts) => {
          counts.runs++;
          const internalErrors: unknown[] = [];
          const { server, key } = await setup({
            retrySchedule: [0, 1_000, 2_000, 4_000, 8_000],
            delivery: { timeoutMs: 250, random: () => 0.5, onError: (error) => internalErrors.push(error) },
          });
          const receivers: FaultReceiver[] = [];
          try {
            const subscriptions: string[] = [];
            for (const script of scripts) {
              const receiver = await startFaultReceiver(() => server.clock.now());
              receivers.push(receiver);
              const created = await request(server, 'POST /api/v1/webhooks', {
                key,
                body: { url: receiver.url },
              });
              receiver.secrets.push(created.body.secret);
              receiver.script.push(...script);
              subscriptions.push(created.body.id);
            }
            // A subscription whose filter matches none of the events must get no delivery.
            const unmatched = await request(server, 'POST /api/v1/webhooks', {
              key,
              body: { url: 'http://127.0.0.1:9/never', eventTypes: ['ticket.created'] },
            });
            const events: string[] = [];
            for (const name of ['Ada', 'Grace', 'Linus', 'Barbara']) {
              await request(server, 'POST /api/v1/visitors', { key, body: { name } });
            }
            const feed = await request(server, 'GET /api/v1/events?limit=100', { key });
            events.push(...feed.body.data.map((event: { id: string }) => event.id));
            counts.events += events.length;
            await settle(server);
            const chains = await deliveries(server, key);
            expect(chains.filter((c) => c.webhookId === unmatched.body.id)).toEqual([]);
            for (const chain of chains) expect(['succeeded', 'failed']).toContain(chain.status);
            // Each pair was delivered, or its chain is recorded as failed.
            for (const [i, webhookId] of subscriptions.entries()) {
              for (const eventId of events) {
                const mine = chains.filter((c) => c.webhookId === webhookId && c.eventId === eventId);
                expect(mine.length, `${eventId} → ${webhookId}`).toBeGreaterThanOrEqual(1);
                const reached = receivers[i]?.accepted.includes(eventId);
                if (!reached) expect(mine.map((c) => c.status)).toContain('failed');
              }
            }
            // Recovery: the receivers are healthy again, disabled subscriptions are re-enabled, and
            // every failed chain is replayed.
            for (const receiver of receivers) receiver.script.length = 0;
            for (const webhookId of subscriptions) {
              const patched = await request(server, `PATCH /api/v1/webhooks/${webhookId}`, {
                key,
                body: { status: 'active' },
              });
              expect(patched.status).toBe(200);
            }
            for (const chain of chains.filter((c) => c.status === 'failed')) {
              const replay = await request(server, `POST /api/v1/webhook-deliveries/${chain.id}/replay`, {
                key,
              });
              expect(replay.status, JSON.stringify(replay.body)).toBe(202);
              counts.failedChainsReplayed++;
            }
            await settle(server);
            for (const [i] of subscriptions.entries()) {
              for (const eventId of events) expect(receivers[i]?.accepted, eventId).toContain(eventId);
            }
            for (const receiver of receivers) {
              expect(receiver.unverified).toBe(0);
              counts.faultsInjected += receiver.faultsInjected;
            }
            expect(internalErrors).toEqual([]);
          } finally {
            await Promise.all(receivers.map((receiver) => receiver.close()));
          }
        },
      ),
      { seed: 909, numRuns: 8 },
    );
  });
});

/** Moves the clock past every retry (and any Retry-After), letting each attempt finish. */
async function settle(
  server: Parameters<typeof request>[0] & { deliveries: { advanceBy(ms: number): Promise<number> } },
) {
  for (let i = 0; i < 8; i++) await server.deliveries.advanceBy(30_000);
}
