import { describe, expect, it } from 'vitest';
import { composeReply, DEFAULT_ANSWER_POLICY, findAnswer, openingParagraph } from './answer-policy';
import { startReferenceServer } from './test-support';

describe('findAnswer over the demo knowledge base', () => {
  const search = async (question: string, minScore = DEFAULT_ANSWER_POLICY.minScore) => {
    const ref = await startReferenceServer();
    return findAnswer(ref.opencom(), question, { minScore, helpCenterUrl: 'https://help.example.com/a/' });
  };

  it.each([
    ['I was charged twice for order 1042. Can you refund the duplicate charge?', 'Why was I charged twice?'],
    ['How do I get a refund?', 'How to get a refund'],
    ['The tracking page still says "label created".', 'Track your order'],
    ['How do I turn on 2FA?', 'Turn on two-factor authentication'],
  ])('%j is answered with %j', async (question, title) => {
    const outcome = await search(question);
    expect(outcome.kind).toBe('match');
    if (outcome.kind !== 'match') return;
    expect(outcome.answer.article.title).toBe(title);
    expect(outcome.answer.score).toBeGreaterThanOrEqual(DEFAULT_ANSWER_POLICY.minScore);
    expect(outcome.answer.reply).toContain(
      `"${title}" (https://help.example.com/a/${outcome.answer.article.slug})`,
    );
  });

  it('finds nothing for a question the knowledge base does not cover', async () => {
    expect(await search('Do you have a dark mode?')).toEqual({ kind: 'no_match', bestScore: null });
  });

  it('refuses a weak match below the threshold and reports its score', async () => {
    // "get" is the only word in common with "How to get a refund".
    const outcome = await search('Can I get a discount on the pro plan?');
    expect(outcome).toMatchObject({ kind: 'no_match' });
    const score = outcome.kind === 'no_match' ? outcome.bestScore : null;
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThan(DEFAULT_ANSWER_POLICY.minScore);
    // The same match passes a lower threshold: the threshold is what decides.
    expect((await search('Can I get a discount on the pro plan?', 1)).kind).toBe('match');
  });

  it('answers from published public articles only, never from internal notes or drafts', async () => {
    const ref = await startReferenceServer();
    const opencom = ref.opencom();
    const policy = { minScore: 0 };
    await opencom.articles.create({
      title: 'Damaged parcel replacement policy (agents)',
      content: 'Replace damaged parcels under 50 EUR without a return.',
      visibility: 'internal',
      status: 'published',
    });
    // Visible to an internal search, so only the bot's `visibility: 'public'` keeps it out.
    const internal = await opencom.articles.search({ q: 'damaged parcel replacement' });
    expect(internal.data[0]?.article.visibility).toBe('internal');
    const outcome = await findAnswer(opencom, 'damaged parcel replacement', policy);
    expect(outcome.kind === 'match' ? outcome.answer.article.title : null).not.toMatch(/Damaged parcel/);
    // "Add or remove team seats" is a draft in the demo workspace.
    const seats = await findAnswer(opencom, 'add or remove team seats', policy);
    if (seats.kind === 'match') expect(seats.answer.article.title).not.toBe('Add or remove team seats');
  });
});

describe('composeReply', () => {
  it('names the article, links it and quotes its opening paragraph', () => {
    const reply = composeReply(
      { content: '# How to get a refund\n\nYou can get a full refund\nwithin 30 days.\n\n1. Open Settings.' },
      { title: 'How to get a refund', slug: 'how-to-get-a-refund', link: 'how-to-get-a-refund' },
    );
    expect(reply).toBe(
      'This article from our help center should answer it: "How to get a refund" (how-to-get-a-refund).\n\n' +
        '> You can get a full refund within 30 days.\n\n' +
        'If it does not, reply "human" and a teammate will take over.',
    );
  });

  it('cuts a long opening paragraph at a word', () => {
    const excerpt = openingParagraph(`${'word '.repeat(100)}end`, 40);
    expect(excerpt).toBe(`${'word '.repeat(8).trim()}…`);
  });
});
