import { describe, expect, it } from 'vitest';
import { B, Bm25Index, K1 } from './bm25';

/** Title, tags, content, as the article index weights them. */
const WEIGHTS = [3, 2, 1];

describe('Bm25Index', () => {
  it('scores a single-field corpus exactly as the BM25 formula does', () => {
    const index = new Bm25Index([1]);
    index.upsert('a', ['refund refund policy']);
    index.upsert('b', ['shipping times and tracking numbers']);
    const [hit] = index.search('refund');
    // N = 2, n = 1, tf = 2, |d| = 3, avgdl = (3 + 4) / 2 ("and" is a stopword).
    const idf = Math.log(1 + (2 - 1 + 0.5) / (1 + 0.5));
    const tf = 2 / (1 - B + (B * 3) / 3.5);
    const expected = (idf * tf * (K1 + 1)) / (K1 + tf);
    expect(hit?.id).toBe('a');
    expect(hit?.score).toBeCloseTo(expected, 4);
  });

  it('ranks a title match above a single mention in a long body', () => {
    const index = new Bm25Index(WEIGHTS);
    const filler = 'Lorem ipsum dolor sit amet consectetur adipiscing elit. '.repeat(40);
    index.upsert('art_body', [
      'Account settings',
      'account',
      `${filler} You may also ask for a refund. ${filler}`,
    ]);
    index.upsert('art_title', ['Refund policy', 'billing', 'Money back within thirty days.']);
    expect(index.search('refund').map((hit) => hit.id)).toEqual(['art_title', 'art_body']);
  });

  it('leaves out documents that match no term and orders equal scores by ID', () => {
    const index = new Bm25Index(WEIGHTS);
    index.upsert('art_b', ['Reset your password', '', '']);
    index.upsert('art_a', ['Reset your password', '', '']);
    index.upsert('art_c', ['Invoices', '', 'Download invoices.']);
    const hits = index.search('password');
    expect(hits.map((hit) => hit.id)).toEqual(['art_a', 'art_b']);
    expect(hits[0]?.score).toBe(hits[1]?.score);
    expect(index.search('nothing here')).toEqual([]);
    expect(index.search('how do I')).toEqual([]);
  });

  it('matches case-insensitively and singular against plural', () => {
    const index = new Bm25Index(WEIGHTS);
    index.upsert('art_1', ['REFUNDS', '', 'Our policies']);
    expect(index.search('refund').map((hit) => hit.id)).toEqual(['art_1']);
    expect(index.search('Policy').map((hit) => hit.id)).toEqual(['art_1']);
  });

  it('rewards rarer terms more than common ones (IDF)', () => {
    const index = new Bm25Index([1]);
    index.upsert('common', ['billing billing']);
    index.upsert('rare', ['chargeback billing']);
    index.upsert('other', ['billing invoice']);
    const hits = index.search('billing chargeback');
    expect(hits[0]?.id).toBe('rare');
  });

  it('keeps its statistics right through replace and remove', () => {
    const index = new Bm25Index(WEIGHTS);
    index.upsert('art_1', ['Refunds', '', 'Refund text']);
    index.upsert('art_2', ['Shipping', '', 'Shipping text']);
    index.upsert('art_1', ['Passwords', '', 'Reset text']);
    expect(index.search('refund')).toEqual([]);
    expect(index.search('password').map((hit) => hit.id)).toEqual(['art_1']);
    index.remove('art_1');
    expect(index.size).toBe(1);
    expect(index.search('password')).toEqual([]);

    // Same scores as a fresh index holding only what remains.
    const fresh = new Bm25Index(WEIGHTS);
    fresh.upsert('art_2', ['Shipping', '', 'Shipping text']);
    expect(index.search('shipping text')).toEqual(fresh.search('shipping text'));
  });

  it('returns only accepted documents, with statistics from the whole index', () => {
    const index = new Bm25Index(WEIGHTS);
    index.upsert('art_1', ['Refunds', '', '']);
    index.upsert('art_2', ['Refund timelines', '', '']);
    const all = index.search('refund');
    const filtered = index.search('refund', (id) => id === 'art_2');
    expect(filtered).toEqual(all.filter((hit) => hit.id === 'art_2'));
  });
});
