import { describe, expect, it } from 'vitest';
import type { BotAction } from './actions';
import { ClaimBot } from './bot';
import { tailEventFeed } from './event-feed-source';
import { startReferenceServer } from './test-support';

describe('tailEventFeed', () => {
  it('hands new visitor messages to the bot, and ignores older ones, agents and its own replies', async () => {
    const ref = await startReferenceServer();
    const opencom = ref.opencom();
    const actions: BotAction[] = [];
    const bot = new ClaimBot({ opencom, onAction: (a) => actions.push(a), clock: ref.clock });
    const before = await ref.visitorWrites('How do I get a refund?'); // before the bot started: not its job
    const stop = new AbortController();
    const cursors: (string | undefined)[] = [];
    const tail = tailEventFeed(opencom, bot, {
      signal: stop.signal,
      pollIntervalMs: 1000,
      onCursor: (cursor) => cursors.push(cursor),
    });
    await ref.settle();

    const id = await ref.visitorWrites('How do I turn on 2FA?');
    await ref.control.POST('/__control/conversations/{conversationId}/agent-replies', {
      params: { path: { conversationId: before } },
      body: { agentId: 'agt_mara', content: 'On it!' },
    });
    await ref.clock.advance(1000); // the next poll
    await bot.idle();
    await ref.clock.advance(2000); // the feed now also holds the bot's own reply: nothing more happens
    await bot.idle();
    stop.abort();
    await tail;

    expect(actions.map((a) => [a.type, a.conversationId])).toEqual([
      ['claimed', id],
      ['answered', id],
      ['released', id],
    ]);
    expect(cursors.length).toBeGreaterThanOrEqual(3);
    expect(cursors.at(-1)).toEqual(expect.any(String));
  });
});
