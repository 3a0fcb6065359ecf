/**
 * Concurrency through the engine: identical idempotent sends racing, bots racing for one claim,
 * random interleavings of claim / renew / release / send with the lease running out, and a burst
 * from many credentials of one workspace against the rate limits.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../packages/mock-server/src/index';
import { ALL_SCOPES, createWorld, recordCounts, request, setup } from './support';

const counts = { concurrentRequests: 0, interleavings: 0 };
afterAll(() => recordCounts('concurrency', counts));

/** Fires all requests before awaiting any, so they interleave inside the engine. */
function all<T>(requests: Array<() => Promise<T>>): Promise<T[]> {
  counts.concurrentRequests += requests.length;
  return Promise.all(requests.map((send) => send()));
}

async function firstOpenConversation(server: MockServer, key: string): Promise<string> {
  const list = await request(server, 'GET /api/v1/conversations?status=open&limit=1', { key });
  return list.body.data[0].id;
}

/** A seeded world, one of its open conversations, and `count` bot keys that may claim and send. */
async function botsAndConversation(count: number) {
  const world = await createWorld();
  const conversationId = await firstOpenConversation(world.server, world.key);
  const bots = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      world.newKey(['claims.manage', 'messages.write', 'conversations.read'], { actorName: `bot-${i}` }),
    ),
  );
  return { server: world.server, key: world.key, conversationId, bots };
}

describe('idempotent sends', () => {
  it('50 concurrent identical sends with one Idempotency-Key create one message', async () => {
    const world = await createWorld();
    const { server, key } = world;
    const conversationId = await firstOpenConversation(server, key);
    expect(
      (await request(server, `POST /api/v1/conversations/${conversationId}/claim`, { key })).status,
    ).toBe(201);
    const before = server.store.messages.size;
    const send = () =>
      request(server, `POST /api/v1/conversations/${conversationId}/messages`, {
        key,
        body: { content: 'Your refund is on its way.' },
        headers: { 'idempotency-key': 'send-refund-1' },
      });
    const responses = await all(Array.from({ length: 50 }, () => send));
    for (const response of responses) {
      expect(
        response.status === 201 ||
          (response.status === 409 && response.body.code === 'idempotency_in_progress'),
        JSON.stringify(response.body),
      ).toBe(true);
    }
    const created = responses.filter((r) => r.status === 201);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    expect(created.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    // The ones told "in progress" retry and get the stored answer, not a second message.
    const retried = await all(responses.filter((r) => r.status === 409).map(() => send));
    for (const response of retried) {
      expect([response.status, response.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
      expect(response.body.id).toBe(created[0]?.body.id);
    }
    expect(server.store.messages.size - before).toBe(1);
  });
});

describe('claims', () => {
  it('20 bots claiming one conversation at once → one holder, 19 claim_conflict naming it', async () => {
    const { server, key, conversationId, bots } = await botsAndConversation(20);
    const responses = await all(
      bots.map(
        (bot) => () =>
          request(server, `POST /api/v1/conversations/${conversationId}/claim`, { key: bot.key }),
      ),
    );
    const winners = responses.filter((r) => r.status === 201);
    expect(winners).toHaveLength(1);
    const holder = winners[0]?.body;
    for (const loser of responses.filter((r) => r.status !== 201)) {
      expect([loser.status, loser.body.code]).toEqual([409, 'claim_conflict']);
      expect(loser.body.holder).toEqual({ actorName: holder.actorName, expiresAt: holder.expiresAt });
    }
    const conversation = await request(server, `GET /api/v1/conversations/${conversationId}`, { key });
    expect(conversation.body.claim).toMatchObject({
      claimId: holder.claimId,
      credentialId: holder.credentialId,
    });
  });

  it('random interleavings of claim, renew, release, send and lease expiry keep one consistent holder', async () => {
    const { server, key, conversationId, bots } = await botsAndConversation(4);
    const base = `/api/v1/conversations/${conversationId}`;
    const op = fc.oneof(
      fc.record({ kind: fc.constantFrom('claim', 'renew', 'release', 'send'), bot: fc.nat(bots.length - 1) }),
      fc.record({ kind: fc.constant('advance'), ms: fc.constantFrom(1_000, 29_000, 30_000, 31_000, 60_000) }),
    );
    const run = async (step: { kind: string; bot?: number; ms?: number }) => {
      const bot = bots[step.bot ?? 0] as { key: string; credentialId: string };
      switch (step.kind) {
        case 'claim':
          return request(server, `POST ${base}/claim`, { key: bot.key, body: { leaseSeconds: 30 } });
        case 'renew':
          return request(server, `POST ${base}/claim/renew`, { key: bot.key, body: { leaseSeconds: 30 } });
        case 'release':
          return request(server, `POST ${base}/claim/release`, { key: bot.key });
        case 'send':
          return request(server, `POST ${base}/messages`, { key: bot.key, body: { content: 'hi' } });
        default:
          return request(server, 'POST /__control/clock/advance', { body: { ms: step.ms } });
      }
    };
    // Checked at every write to a claim, not only between batches: never two holders at any moment.
    const overlaps: string[][] = [];
    server.store.claims.onWrite = () => {
      const holders = activeHolders(server, conversationId);
      if (holders.length > 1) overlaps.push(holders);
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(op, { minLength: 1, maxLength: 5 }), { maxLength: 8 }),
        async (batches) => {
          counts.interleavings++;
          for (const batch of batches) {
            const holderBefore = activeHolders(server, conversationId);
            const responses = await all(batch.map((step) => () => run(step)));
            const claimedNow = new Set(
              batch.flatMap((step, i) =>
                step.kind === 'claim' && (responses[i]?.status ?? 500) < 300 ? [step.bot ?? 0] : [],
              ),
            );
            for (const [i, response] of responses.entries()) {
              expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
              const step = batch[i] as { kind: string; bot?: number };
              const bot = bots[step.bot ?? 0];
              if (response.status < 300 && ['renew', 'release', 'send'].includes(step.kind)) {
                // Only the bot holding the lease (from before the batch or won in it) may use it.
                const held = holderBefore[0] === bot?.credentialId || claimedNow.has(step.bot ?? 0);
                expect(held, `${step.kind} by a non-holder succeeded`).toBe(true);
              }
            }
            const holders = activeHolders(server, conversationId);
            expect(holders.length).toBeLessThanOrEqual(1);
            const view = await request(server, `GET ${base}`, { key });
            expect(view.body.claim?.credentialId ?? null).toBe(holders[0] ?? null);
            if (view.body.claim) expect(view.body.claim.expiresAt).toBeGreaterThan(server.clock.now());
          }
          // Release whatever is held so the next run starts from a free conversation.
          await request(server, 'POST /__control/clock/advance', { body: { ms: 3_600_000 } });
          expect(activeHolders(server, conversationId)).toEqual([]);
          expect(overlaps).toEqual([]);
        },
      ),
      { seed: 4242, numRuns: 40 },
    );
    expect(server.contractViolations).toEqual([]);
  });
});

/** Credentials holding an unexpired active claim on the conversation, read from the store. */
function activeHolders(server: MockServer, conversationId: string): string[] {
  const now = server.clock.now();
  return [...server.store.claims.values()]
    .filter((c) => c.conversationId === conversationId && c.status === 'active' && c.expiresAt > now)
    .map((c) => c.credentialId);
}

describe('rate limits under a burst', () => {
  it('10 credentials of one workspace bursting 300 requests get exactly the workspace limit of 120', async () => {
    const { server, newKey } = await setup({ rateLimits: {} });
    const creds = await Promise.all(Array.from({ length: 10 }, () => newKey(ALL_SCOPES)));
    const responses = await all(
      creds.flatMap((cred) =>
        Array.from({ length: 30 }, () => () => request(server, 'GET /api/v1/me', { key: cred.key })),
      ),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(120);
    for (const response of responses) {
      expect(response.headers.get('ratelimit-limit')).toBeTruthy();
      if (response.status === 200) continue;
      expect([response.status, response.body.code]).toEqual([429, 'rate_limited']);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('a request refused by the credential limit does not consume the workspace limit', async () => {
    const { server, newKey, clock } = await setup({ rateLimits: {} });
    const [greedy, polite] = await Promise.all([newKey(ALL_SCOPES), newKey(ALL_SCOPES)]);
    const burst = (key: string, n: number) =>
      all(Array.from({ length: n }, () => () => request(server, 'GET /api/v1/me', { key })));
    const greedyResults = await burst(greedy?.key as string, 100);
    expect(greedyResults.filter((r) => r.status === 200)).toHaveLength(60);
    // The 40 refusals did not count against the workspace: the other key still has 60 of its 120.
    const politeResults = await burst(polite?.key as string, 100);
    expect(politeResults.filter((r) => r.status === 200)).toHaveLength(60);
    expect((await burst(greedy?.key as string, 1))[0]?.status).toBe(429);
    clock.set(clock.now() + 60_000);
    expect((await burst(greedy?.key as string, 1))[0]?.status).toBe(200);
  });
});
