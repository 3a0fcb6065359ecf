import { afterEach, describe, expect, it } from 'vitest';
import type { BotAction } from './actions';
import { ClaimBot, type ClaimBotOptions } from './bot';
import { type ReferenceServer, startReferenceServer } from './test-support';

const bots: ClaimBot[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
});

async function setup(botOptions: Partial<ClaimBotOptions> = {}) {
  const ref = await startReferenceServer();
  const actions: BotAction[] = [];
  const opencom = ref.opencom();
  const bot = new ClaimBot({
    opencom,
    onAction: (action) => actions.push(action),
    clock: ref.clock,
    ...botOptions,
  });
  bots.push(bot);
  return { ref, opencom, bot, actions };
}

/** The conversation's messages as `[senderType, content]`. */
async function transcript(ref: ReferenceServer, conversationId: string) {
  const page = await ref.opencom().messages.list(conversationId);
  return page.data.map((m) => [m.senderType, m.content] as const);
}

const types = (actions: BotAction[]) => actions.map((a) => a.type);

describe('ClaimBot', () => {
  it('claims, answers with the best published article, quotes its title and link, and releases', async () => {
    const { ref, opencom, bot, actions } = await setup({
      policy: { helpCenterUrl: 'https://help.example.com/articles' },
    });
    const question = 'I asked for a password reset link twice but the email never arrives.';
    const id = await ref.visitorWrites(question);

    bot.notify({ conversationId: id, content: question });
    await bot.idle();

    expect(types(actions)).toEqual(['claimed', 'answered', 'released']);
    expect(actions[1]).toMatchObject({
      type: 'answered',
      article: {
        title: 'Reset your password',
        link: 'https://help.example.com/articles/reset-your-password',
      },
    });
    const messages = await transcript(ref, id);
    expect(messages).toHaveLength(2);
    expect(messages[1]?.[0]).toBe('automation');
    expect(messages[1]?.[1]).toContain(
      '"Reset your password" (https://help.example.com/articles/reset-your-password)',
    );
    const conversation = await opencom.conversations.get(id);
    expect(conversation.claim).toBeNull();
    expect(conversation.aiWorkflowState).not.toBe('handoff');
  });

  it('escalates without searching when the visitor asks for a human', async () => {
    const { ref, opencom, bot, actions } = await setup();
    const question = 'Can I talk to a human about my invoice?';
    const id = await ref.visitorWrites(question);

    bot.notify({ conversationId: id, content: question });
    await bot.idle();

    expect(types(actions)).toEqual(['claimed', 'escalated']);
    const conversation = await opencom.conversations.get(id);
    expect(conversation.aiWorkflowState).toBe('handoff');
    expect(conversation.aiHandoffReason).toBe('the visitor asked for a human ("human")');
    expect(await transcript(ref, id)).toHaveLength(1);
  });

  it('escalates when no article is relevant enough, and says how close the best one came', async () => {
    const { ref, opencom, bot, actions } = await setup();
    const question = 'Can I get a discount on the pro plan?';
    const id = await ref.visitorWrites(question);

    bot.notify({ conversationId: id, content: question });
    await bot.idle();

    expect(types(actions)).toEqual(['claimed', 'escalated']);
    const conversation = await opencom.conversations.get(id);
    expect(conversation.aiHandoffReason).toMatch(
      /^no knowledge-base article is relevant enough \(best score 2\.\d\d\)$/,
    );
    expect(await transcript(ref, id)).toHaveLength(1);
  });

  it('skips a conversation another automation holds, naming the holder', async () => {
    const { ref, bot, actions } = await setup();
    const id = await ref.visitorWrites('How do I get a refund?');
    const triage = ref.opencom(await ref.otherAutomation('triage-bot'));
    await triage.claims.claim(id);

    bot.notify({ conversationId: id, content: 'How do I get a refund?' });
    await bot.idle();

    expect(actions).toEqual([{ type: 'skipped', conversationId: id, reason: 'held by triage-bot' }]);
  });

  it('skips a conversation that waits for a human', async () => {
    const { ref, bot, actions } = await setup();
    const id = await ref.visitorWrites('How do I get a refund?');
    await ref.control.POST('/__control/conversations/{conversationId}/human-request', {
      params: { path: { conversationId: id } },
      body: {},
    });

    bot.notify({ conversationId: id, content: 'How do I get a refund?' });
    await bot.idle();

    expect(actions).toEqual([{ type: 'skipped', conversationId: id, reason: 'it is waiting for a human' }]);
  });

  it('renews the lease while it works longer than half a lease', async () => {
    const { ref, opencom, bot, actions } = await setup({ leaseSeconds: 60 });
    const id = await ref.visitorWrites('How do I get a refund?');
    // The search takes 45 s on the server's clock: past the renewal point, halfway through the lease.
    const search = ref.hold('GET', /\/articles\/search$/);

    bot.notify({ conversationId: id, content: 'How do I get a refund?' });
    await ref.settle();
    const claimed = await opencom.conversations.get(id);
    await ref.clock.advance(45_000);
    const renewed = await opencom.conversations.get(id);
    search.release();
    await bot.idle();

    expect(renewed.claim?.expiresAt).toBeGreaterThan(claimed.claim?.expiresAt ?? Number.POSITIVE_INFINITY);
    expect(types(actions)).toEqual(['claimed', 'answered', 'released']);
  });

  it('stops working the moment its lease is lost (renewals fail until it expires), and sends nothing', async () => {
    const { ref, bot, actions } = await setup({ leaseSeconds: 60 });
    const id = await ref.visitorWrites('How do I get a refund?');
    const search = ref.hold('GET', /\/articles\/search$/);
    // The API is down for renewals, so the lease runs out while the search hangs.
    await ref.control.POST('/__control/faults', {
      body: {
        match: { method: 'POST', path: '/api/v1/conversations/{conversationId}/claim/renew' },
        kind: 'status',
        status: 503,
        times: 100,
      },
    });

    bot.notify({ conversationId: id, content: 'How do I get a refund?' });
    await ref.settle();
    await ref.clock.advance(60_000);
    await bot.idle();
    search.release();

    expect(types(actions)).toEqual(['claimed', 'lost']);
    expect(actions[1]).toMatchObject({ reason: expect.stringMatching(/the lease expired before a renewal/) });
    expect(await transcript(ref, id)).toHaveLength(1);
  });

  it('stops at the send when its lease lapsed while it was paused and another bot took over', async () => {
    const { ref, bot, actions } = await setup({ leaseSeconds: 60 });
    const id = await ref.visitorWrites('How do I get a refund?');
    const search = ref.hold('GET', /\/articles\/search$/);

    bot.notify({ conversationId: id, content: 'How do I get a refund?' });
    await ref.settle();
    // The bot's process is frozen for 61 s (its timers do not run); the server expires the lease.
    await ref.server.deliveries.advanceBy(61_000);
    const triage = ref.opencom(await ref.otherAutomation('triage-bot'));
    await triage.claims.claim(id);
    search.release();
    await bot.idle();

    expect(types(actions)).toEqual(['claimed', 'lost']);
    expect(actions[1]).toMatchObject({ reason: expect.stringMatching(/claim_conflict|claim_required/) });
    expect(await transcript(ref, id)).toHaveLength(1);
    expect((await triage.conversations.get(id)).claim?.actorName).toBe('triage-bot');
  });

  it('waits out a rate limit that outlasted the SDK retries, then answers', async () => {
    const { ref, bot, actions } = await setup();
    const id = await ref.visitorWrites('How do I get a refund?');
    // The SDK makes three attempts (two retries); all three are refused with Retry-After: 7.
    await ref.control.POST('/__control/faults', {
      body: {
        match: { method: 'GET', path: '/api/v1/articles/search' },
        kind: 'status',
        status: 429,
        retryAfter: 7,
        times: 3,
      },
    });

    bot.notify({ conversationId: id, content: 'How do I get a refund?' });
    await ref.clock.advance(14_000); // the SDK's two Retry-After waits
    await bot.idle();
    expect(types(actions)).toEqual(['claimed', 'rate_limited']);
    expect(actions[1]).toEqual({ type: 'rate_limited', conversationId: id, retryInSeconds: 7 });

    await ref.clock.advance(7_000); // the bot's own wait
    await bot.idle();
    expect(types(actions)).toEqual(['claimed', 'rate_limited', 'claimed', 'answered', 'released']);
  });

  it('handles a message that arrives while it works right after, with the newest text', async () => {
    const { ref, bot, actions } = await setup();
    const id = await ref.visitorWrites('How do I get a refund?');
    const search = ref.hold('GET', /\/articles\/search$/);

    bot.notify({ conversationId: id, content: 'How do I get a refund?' });
    await ref.settle();
    bot.notify({ conversationId: id, content: 'Actually, I need a person.' });
    bot.notify({ conversationId: id, content: 'Actually, can I talk to an agent?' });
    search.release();
    await bot.idle();

    expect(types(actions)).toEqual(['claimed', 'answered', 'released', 'claimed', 'escalated']);
    expect(actions.at(-1)).toMatchObject({ reason: 'the visitor asked for a human ("agent")' });
  });
});
