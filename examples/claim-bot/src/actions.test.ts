import { describe, expect, it } from 'vitest';
import { type BotAction, formatAction } from './actions';

describe('formatAction', () => {
  it.each<[BotAction, string]>([
    [{ type: 'claimed', conversationId: 'conv_1', leaseSeconds: 60 }, 'claimed conv_1 (lease 60 s)'],
    [
      {
        type: 'answered',
        conversationId: 'conv_1',
        article: { title: 'How to get a refund', slug: 'how-to-get-a-refund', link: 'how-to-get-a-refund' },
        score: 4.7712,
      },
      'answered conv_1 with "How to get a refund" (how-to-get-a-refund, score 4.77)',
    ],
    [{ type: 'released', conversationId: 'conv_1' }, 'released conv_1'],
    [
      { type: 'escalated', conversationId: 'conv_1', reason: 'the visitor asked for a human ("agent")' },
      'escalated conv_1: the visitor asked for a human ("agent")',
    ],
    [
      { type: 'skipped', conversationId: 'conv_1', reason: 'held by triage-bot' },
      'skipped conv_1: held by triage-bot',
    ],
    [
      { type: 'lost', conversationId: 'conv_1', reason: 'claim_expired' },
      'lost conv_1: claim_expired; stopped working on it',
    ],
    [
      { type: 'rate_limited', conversationId: 'conv_1', retryInSeconds: 7 },
      'rate-limited on conv_1; trying again in 7 s',
    ],
    [{ type: 'failed', conversationId: 'conv_1', reason: 'boom' }, 'failed conv_1: boom'],
  ])('%o → %j', (action, line) => {
    expect(formatAction(action)).toBe(line);
    expect(line).not.toContain('\n');
  });
});
