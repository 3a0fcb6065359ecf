import { describe, expect, it } from 'vitest';
import { highlights } from './highlights';
import { markdownBlocks } from './markdown-text';
import { tokenize } from './tokenize';

const terms = (query: string) => new Set(tokenize(query));

describe('tokenize', () => {
  it('lowercases Unicode words, drops stopwords and plural s', () => {
    expect(tokenize('How do I get a REFUND for my Plans?')).toEqual(['get', 'refund', 'plan']);
    expect(tokenize('Zurück zur Übersicht: 2 policies, access, status')).toEqual([
      'zurück',
      'zur',
      'übersicht',
      '2',
      'policy',
      'access',
      'status',
    ]);
  });
});

describe('markdownBlocks', () => {
  it('keeps the text of headings, paragraphs, lists, links and tables, without the syntax', () => {
    const markdown = [
      '# How long refunds take',
      '',
      'Refunds go **back** to the',
      'original [payment method](/help/payment-methods).',
      '',
      '- Card: `5–10` days',
      '',
      '| Payment method | Time |',
      '| --- | --- |',
      '| PayPal | 1–3 days |',
      '',
      '```',
      'refund --all',
      '```',
      'A snake_case word and an \\*escaped\\* star.',
    ].join('\n');
    expect(markdownBlocks(markdown)).toEqual([
      'How long refunds take',
      'Refunds go back to the original payment method.',
      'Card: 5–10 days',
      'Payment method · Time',
      'PayPal · 1–3 days',
      'refund --all',
      'A snake_case word and an *escaped* star.',
    ]);
  });
});

describe('highlights', () => {
  const content = [
    '# How to get a refund',
    '',
    'You can get a full refund within 30 days of purchase. Open **Billing → Invoices**.',
    '',
    'Refunds go back to the original payment method.',
  ].join('\n');

  it('marks matches in the title first, then the best sentences, in reading order', () => {
    expect(
      highlights('How to get a refund', markdownBlocks(content), terms('how do I get a refund')),
    ).toEqual([
      'How to <mark>get</mark> a <mark>refund</mark>',
      'You can <mark>get</mark> a full <mark>refund</mark> within 30 days of purchase.',
      '<mark>Refunds</mark> go back to the original payment method.',
    ]);
  });

  it('escapes markup in the text, so <mark> is the only tag an excerpt contains', () => {
    const [excerpt] = highlights('Refund <script>alert(1)</script> & "quotes"', [], terms('refund'));
    expect(excerpt).toBe(
      '<mark>Refund</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;',
    );
  });

  it('is empty when only tags matched', () => {
    expect(highlights('Invoices', markdownBlocks('Download them.'), terms('billing'))).toEqual([]);
  });

  it('cuts a long sentence to 200 characters around the first match, at word boundaries', () => {
    const words = 'alpha beta gamma delta epsilon '.repeat(20);
    const [excerpt = ''] = highlights('Title', [`${words}refund ${words}`], terms('refund'));
    const plain = excerpt.replace(/<\/?mark>/g, '');
    expect(plain.length).toBeLessThanOrEqual(200);
    expect(plain.startsWith('…')).toBe(true);
    expect(plain.endsWith('…')).toBe(true);
    expect(excerpt).toContain('<mark>refund</mark>');
    expect(plain).toMatch(/^…[a-z]/);
  });

  it('keeps at most three excerpts', () => {
    const blocks = ['One refund.', 'Two refunds.', 'Three refunds.', 'Four refunds.'];
    expect(highlights('Refund', blocks, terms('refund'))).toHaveLength(3);
  });
});
