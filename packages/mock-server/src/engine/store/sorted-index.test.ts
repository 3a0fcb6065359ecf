import { describe, expect, it } from 'vitest';
import { compareKeys, SortedIndex } from './sorted-index';

interface Row {
  id: string;
  ws: string;
  at: number;
}

function index(rows: Row[]) {
  const idx = new SortedIndex<Row>((r) => [r.ws, r.at, r.id]);
  for (const row of rows) idx.insert(row);
  return idx;
}

const rows: Row[] = [
  { id: 'c', ws: 'b', at: 2 },
  { id: 'a', ws: 'a', at: 5 },
  { id: 'b', ws: 'a', at: 1 },
  { id: 'd', ws: 'a', at: 5 },
  { id: 'e', ws: 'c', at: 0 },
];

describe('SortedIndex', () => {
  it('scans one prefix in key order, and after a key', () => {
    const idx = index(rows);
    expect([...idx.scan(['a'])].map((r) => r.id)).toEqual(['b', 'a', 'd']);
    expect([...idx.scan(['a'], { after: ['a', 5, 'a'] })].map((r) => r.id)).toEqual(['d']);
    expect([...idx.scan(['b'])].map((r) => r.id)).toEqual(['c']);
    expect([...idx.scan(['zz'])]).toEqual([]);
  });

  it('scans in reverse, and before a key', () => {
    const idx = index(rows);
    expect([...idx.scan(['a'], { reverse: true })].map((r) => r.id)).toEqual(['d', 'a', 'b']);
    expect([...idx.scan(['a'], { reverse: true, after: ['a', 5, 'a'] })].map((r) => r.id)).toEqual(['b']);
    expect([...idx.scan(['c'], { reverse: true })].map((r) => r.id)).toEqual(['e']);
  });

  it('visit() hands over the rows scan() yields, in either direction, until told to stop', () => {
    const idx = index(rows);
    for (const options of [
      {},
      { reverse: true },
      { after: ['a', 1, 'b'] },
      { reverse: true, after: ['a', 5, 'd'] },
    ]) {
      const visited: string[] = [];
      idx.visit(['a'], options, (row) => {
        visited.push(row.id);
        return true;
      });
      expect(visited).toEqual([...idx.scan(['a'], options)].map((r) => r.id));
    }
    const firstTwo: string[] = [];
    idx.visit(['a'], {}, (row) => {
      firstTwo.push(row.id);
      return firstTwo.length < 2;
    });
    expect(firstTwo).toEqual(['b', 'a']);
    // The prefix bound holds with a longer key beside it (`['b']` ends before `['b', …]` rows of `c`).
    expect([...idx.scan(['b'], { reverse: true })].map((r) => r.id)).toEqual(['c']);
  });

  it('removes by the key a row was filed under', () => {
    const idx = index(rows);
    idx.remove(['a', 5, 'a']);
    expect([...idx.scan(['a'])].map((r) => r.id)).toEqual(['b', 'd']);
    expect(idx.size).toBe(4);
  });

  it('orders numbers before strings and shorter keys first', () => {
    expect(compareKeys([1], ['1'])).toBeLessThan(0);
    expect(compareKeys(['a'], ['a', 1])).toBeLessThan(0);
    expect(compareKeys(['a', 2], ['a', 10])).toBeLessThan(0);
  });
});
