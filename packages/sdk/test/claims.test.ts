import { describe, expect, it } from 'vitest';
import { ClaimConflictError, ClaimLostError } from '../src/index';
import { type SdkTestContext, setup } from './support';

async function conversation(t: SdkTestContext): Promise<string> {
  const { conversation } = await t.control<{ conversation: { id: string } }>('POST /conversations', {
    workspaceId: t.workspaceId,
    channel: 'chat',
    content: 'I was charged twice for order 1042.',
  });
  return conversation.id;
}

const renewals = (t: SdkTestContext) => t.requests.filter((r) => r.path.endsWith('/claim/renew')).length;

describe('claims', () => {
  it('a connection reset after the server committed a send, then a retry: exactly one message', async () => {
    const t = await setup();
    const opencom = t.opencom({ random: () => 0 });
    const id = await conversation(t);
    const session = await opencom.claims.acquire(id, { leaseSeconds: 120 });
    t.fault('POST /api/v1/conversations/[^/]+/messages', { kind: 'reset_after_commit' });
    const sending = session.send('Sorry about that! I have refunded the duplicate charge.');
    await t.clock.advance(0); // the retry's backoff (random 0: no wait) runs on the test clock
    const message = await sending;
    const sends = t.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    expect(sends).toHaveLength(2);
    expect(sends[1]?.headers.get('idempotency-key')).toBe(sends[0]?.headers.get('idempotency-key'));
    const transcript = await opencom.messages.list(id);
    expect(transcript.data.map((m) => [m.senderType, m.content])).toEqual([
      ['visitor', 'I was charged twice for order 1042.'],
      ['automation', 'Sorry about that! I have refunded the duplicate charge.'],
    ]);
    expect(transcript.data[1]?.id).toBe(message.id);
    await session.release();
  });

  it('a session survives three lease periods on the server clock, then loses the lease to expiry', async () => {
    const t = await setup();
    const opencom = t.opencom();
    const id = await conversation(t);
    const renewed: number[] = [];
    const session = await opencom.claims.acquire(id, {
      leaseSeconds: 60,
      onRenew: (claim) => renewed.push(claim.expiresAt),
    });
    const start = t.clock.now();

    // Three full lease periods: the session renews halfway through each lease.
    await t.clock.advance(3 * 60_000 + 1_000);
    expect(session.active).toBe(true);
    expect(session.lost.aborted).toBe(false);
    expect(renewals(t)).toBe(6);
    // onRenew saw each renewal, each with a later expiry.
    expect(renewed).toHaveLength(6);
    expect(renewed).toEqual([...renewed].sort((a, b) => a - b));
    const held = await opencom.conversations.get(id);
    expect(held.claim?.actorName).toBe('sdk-bot');
    expect(held.claim?.expiresAt).toBeGreaterThan(t.clock.now());
    expect(session.claim.expiresAt).toBe(start + 180_000 + 60_000);

    // From now on every renewal fails at the network: the session keeps trying while the lease lasts,
    // then gives up exactly when the lease ends, as the server expires the claim.
    for (let i = 0; i < 100; i++) t.fault('POST /api/v1/conversations/[^/]+/claim/renew', { kind: 'reset' });
    const before = renewals(t);
    await t.clock.advance(60_000);
    expect(renewals(t) - before).toBeGreaterThan(3);
    expect(session.lost.aborted).toBe(true);
    expect(session.active).toBe(false);
    const reason = session.lost.reason as ClaimLostError;
    expect(reason).toBeInstanceOf(ClaimLostError);
    expect(reason.code).toBe('claim_expired');
    expect(reason.message).toMatch(/^@opencom\/sdk: lost the claim on conv_\w+: the lease expired/);
    const lapsed = await opencom.conversations.get(id);
    expect(lapsed.claim).toBeNull();
    const expired = await opencom.events.list({ types: ['conversation.claim_expired'] });
    expect(expired.data).toHaveLength(1);
    await expect(session.send('too late')).rejects.toBe(reason);
    expect(await session.release()).toBeUndefined();
  });

  it('a renewal refused with claim_expired fires lost at once', async () => {
    const t = await setup();
    const opencom = t.opencom();
    const id = await conversation(t);
    const session = await opencom.claims.acquire(id, { leaseSeconds: 60 });
    // The process froze: the server's clock passed the lease without the SDK's timers running.
    await t.control('POST /clock/advance', { ms: 61_000 });
    await expect(session.renew()).rejects.toMatchObject({ code: 'claim_expired' });
    expect(session.lost.aborted).toBe(true);
    expect((session.lost.reason as ClaimLostError).code).toBe('claim_expired');
  });

  it('await using releases the claim at the end of the block', async () => {
    const t = await setup();
    const opencom = t.opencom();
    const id = await conversation(t);
    {
      await using session = await opencom.claims.acquire(id);
      await session.send('Looking into it.');
      expect((await opencom.conversations.get(id)).claim?.claimId).toBe(session.claim.claimId);
    }
    expect((await opencom.conversations.get(id)).claim).toBeNull();
    const released = await opencom.events.list({ types: ['conversation.claim_released'] });
    expect(released.data).toHaveLength(1);
    // No renewal or deadline timer is left behind.
    expect(t.clock.pending).toBe(0);
  });

  it('escalate(reason) hands the conversation to a human', async () => {
    const t = await setup();
    const opencom = t.opencom();
    const id = await conversation(t);
    const session = await opencom.claims.acquire(id);
    const claim = await session.escalate('Chargeback: needs a human.');
    expect(claim?.status).toBe('escalated');
    const handedOff = await opencom.conversations.get(id);
    expect(handedOff).toMatchObject({
      aiWorkflowState: 'handoff',
      aiHandoffReason: 'Chargeback: needs a human.',
    });
    expect(session.active).toBe(false);
    expect(session.lost.aborted).toBe(false);
    await expect(session.send('hi')).rejects.toThrow(/cannot send: the claim on conv_\w+ was escalated/);
  });

  it('a conversation held by another automation is a ClaimConflictError naming the holder', async () => {
    const t = await setup();
    const id = await conversation(t);
    const { secret } = await t.control<{ secret: string }>('POST /credentials', {
      workspaceId: t.workspaceId,
      name: 'Other bot',
      actorName: 'other-bot',
      scopes: ['claims.manage'],
    });
    await t.opencom({ apiKey: secret }).claims.claim(id, { leaseSeconds: 90 });
    const error = await t
      .opencom()
      .claims.acquire(id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClaimConflictError);
    expect((error as ClaimConflictError).holder).toEqual({
      actorName: 'other-bot',
      expiresAt: t.clock.now() + 90_000,
    });
  });

  it("aborting acquire's signal releases a held claim", async () => {
    const t = await setup();
    const opencom = t.opencom();
    const id = await conversation(t);
    const controller = new AbortController();
    const session = await opencom.claims.acquire(id, { signal: controller.signal });
    controller.abort();
    await t.settle();
    expect(session.active).toBe(false);
    expect((await opencom.conversations.get(id)).claim).toBeNull();
  });
});
