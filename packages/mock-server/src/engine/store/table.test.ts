import { describe, expect, it } from 'vitest';
import { Table } from './table';

interface Row {
  id: string;
  name: string;
  at: number;
}

const byName = (row: Row) => ({ name: row.name });
const upper = (row: Row) => row.name.toUpperCase();

function table() {
  const rows = new Table<Row, 'at'>({ at: (r) => [r.at, r.id] });
  return { rows, a: rows.insert({ id: 'a', name: 'Ada', at: 1 }) };
}

describe('Table.json(row, render)', () => {
  it('renders once and serves the cached text until the row is written', () => {
    const { rows, a } = table();
    let renders = 0;
    const counted = (row: Row) => {
      renders++;
      return byName(row);
    };
    expect(rows.json(a, counted)).toBe('{"name":"Ada"}');
    expect(rows.json(a, counted)).toBe('{"name":"Ada"}');
    expect(renders).toBe(1);
    rows.update(a, (row) => {
      row.name = 'Grace';
    });
    expect(rows.json(a, counted)).toBe('{"name":"Grace"}');
    expect(renders).toBe(2);
  });

  it('keeps one text per renderer, and a write drops every one of them', () => {
    const { rows, a } = table();
    expect(rows.json(a, byName)).toBe('{"name":"Ada"}');
    expect(rows.json(a, upper)).toBe('"ADA"');
    rows.update(a, (row) => {
      row.name = 'Lin';
    });
    expect([rows.json(a, byName), rows.json(a, upper)]).toEqual(['{"name":"Lin"}', '"LIN"']);
  });

  it('forgets a deleted row: the same object inserted again is rendered afresh', () => {
    const { rows, a } = table();
    expect(rows.json(a, byName)).toBe('{"name":"Ada"}');
    rows.delete(a);
    a.name = 'Ida';
    rows.insert(a);
    expect(rows.json(a, byName)).toBe('{"name":"Ida"}');
  });
});
