import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CursorCodec } from './cursor';
import { paginate, paginateJson } from './pagination';
import { Table } from './store/table';

interface Row {
  id: string;
  ws: string;
  at: number;
  title: string;
}

const render = (row: Row) => ({ id: row.id, title: row.title, at: row.at });

function setup() {
  const codec = new CursorCodec(randomBytes(32));
  const rows = new Table<Row, 'at'>({ at: (r) => [r.ws, r.at, r.id] });
  for (let i = 0; i < 5; i++) rows.insert({ id: `r${i}`, ws: 'w', at: i, title: `Row "${i}" \u2713` });
  const request = (cursor?: string) => ({
    list: 'rows',
    index: rows.index('at'),
    prefix: ['w'],
    limit: 2,
    cursor,
  });
  return { codec, rows, request };
}

describe('paginateJson(codec, request, rowJson)', () => {
  it('is byte for byte JSON.stringify of the page paginate() returns, on every page', () => {
    const { codec, rows, request } = setup();
    let cursor: string | undefined;
    const pages: string[] = [];
    do {
      const objects = paginate(codec, request(cursor), render);
      const text = paginateJson(codec, request(cursor), (row) => rows.json(row, render)).text;
      expect(text).toBe(JSON.stringify(objects));
      pages.push(text);
      cursor = objects.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(pages).toHaveLength(3);
    expect(JSON.parse(pages[2] as string)).toEqual({
      data: [render(rows.get('r4') as Row)],
      nextCursor: null,
      hasMore: false,
    });
  });
});
