import { describe, expect, it } from 'vitest';
import { decide, humanRequested, type SearchOutcome } from './escalation-rule';

describe('humanRequested', () => {
  it.each([
    ['Can I talk to a human?', 'human'],
    ['I want an AGENT now', 'AGENT'],
    ['Is there a real person there?', 'person'],
    ['Please let me speak with someone', 'speak with someone'],
    ['Your staff promised me a callback', 'staff'],
    ['Get me a representative', 'representative'],
  ])('%j asks for a human (%j)', (text, words) => {
    expect(humanRequested(text)).toBe(words);
  });

  it.each(['How do I get a refund?', 'Someone charged my card twice'])('%j does not', (text) => {
    expect(humanRequested(text)).toBeNull();
  });

  it('errs on the side of a human: "user agent" escalates too (accepted false positive)', () => {
    expect(humanRequested('My user agent string looks odd')).toBe('agent');
  });

  it('matches whole words only', () => {
    expect(humanRequested('The agentic workflow and the personal settings are fine')).toBeNull();
  });
});

describe('decide', () => {
  const answer = { reply: 'See "How to get a refund".' };
  const match = async (): Promise<SearchOutcome<typeof answer>> => ({ kind: 'match', answer });

  it('answers when the search matched and nobody asked for a human', async () => {
    expect(await decide('How do I get a refund?', match)).toEqual({ kind: 'answer', answer });
  });

  it('escalates a request for a human without searching, even if an article would match', async () => {
    let searched = false;
    const decision = await decide('Refund please, or a human', async () => {
      searched = true;
      return match();
    });
    expect(decision).toEqual({ kind: 'escalate', reason: 'the visitor asked for a human ("human")' });
    expect(searched).toBe(false);
  });

  it('escalates when the search found nothing, or nothing relevant enough', async () => {
    expect(await decide('Dark mode?', async () => ({ kind: 'no_match', bestScore: null }))).toEqual({
      kind: 'escalate',
      reason: 'no knowledge-base article matches the question',
    });
    expect(await decide('Discount?', async () => ({ kind: 'no_match', bestScore: 2.771 }))).toEqual({
      kind: 'escalate',
      reason: 'no knowledge-base article is relevant enough (best score 2.77)',
    });
  });
});
