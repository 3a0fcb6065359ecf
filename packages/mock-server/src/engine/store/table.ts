import { type IndexKey, SortedIndex } from './sorted-index';

/**
 * Rows by ID plus named sorted indexes kept in step on every write. Rows are mutated only through
 * `update`, which re-files the row in every index whose key changed.
 */
export class Table<T extends { id: string }, I extends string = string> {
  readonly #rows = new Map<string, T>();
  readonly #indexes: Record<I, SortedIndex<T>>;
  readonly #indexList: SortedIndex<T>[];
  /** Told the ID of every row inserted, updated or deleted (the `dataDir` journal listens here). */
  onWrite: ((id: string) => void) | null = null;
  /** Rows' JSON by renderer (see `json`); a write drops the row's entries. */
  readonly #json = new Map<(row: T) => unknown, WeakMap<T, string>>();

  constructor(indexes: Record<I, (row: T) => IndexKey>) {
    this.#indexes = Object.fromEntries(
      Object.entries(indexes).map(([name, keyOf]) => [name, new SortedIndex(keyOf as (row: T) => IndexKey)]),
    ) as Record<I, SortedIndex<T>>;
    this.#indexList = Object.values(this.#indexes);
  }

  get size(): number {
    return this.#rows.size;
  }

  get(id: string): T | undefined {
    return this.#rows.get(id);
  }

  has(id: string): boolean {
    return this.#rows.has(id);
  }

  index(name: I): SortedIndex<T> {
    return this.#indexes[name];
  }

  insert(row: T): T {
    if (this.#rows.has(row.id)) throw new Error(`duplicate id ${row.id}`);
    this.#rows.set(row.id, row);
    for (const index of this.#indexList) index.insert(row);
    this.onWrite?.(row.id);
    return row;
  }

  /**
   * `JSON.stringify(render(row))`, kept until the row is next written: lists send a page of cached rows
   * without rebuilding them. `render` must be a module-level function of the row alone (not of other
   * tables, the clock or the caller), since nothing else invalidates the text.
   */
  json(row: T, render: (row: T) => unknown): string {
    let texts = this.#json.get(render);
    if (texts === undefined) {
      texts = new WeakMap();
      this.#json.set(render, texts);
    }
    let text = texts.get(row);
    if (text === undefined) {
      text = JSON.stringify(render(row));
      texts.set(row, text);
    }
    return text;
  }

  #forgetJson(row: T): void {
    for (const texts of this.#json.values()) texts.delete(row);
  }

  /** Applies `change` to the row and keeps every index consistent. */
  update(row: T, change: (row: T) => void): T {
    const indexes = this.#indexList;
    const before = indexes.map((index) => index.keyOf(row));
    change(row);
    this.#forgetJson(row);
    indexes.forEach((index, i) => {
      const old = before[i] as IndexKey;
      const now = index.keyOf(row);
      if (old.length === now.length && old.every((part, j) => part === now[j])) return;
      index.remove(old);
      index.insert(row);
    });
    this.onWrite?.(row.id);
    return row;
  }

  delete(row: T): void {
    if (!this.#rows.delete(row.id)) return;
    this.#forgetJson(row);
    for (const index of this.#indexList) index.remove(index.keyOf(row));
    this.onWrite?.(row.id);
  }

  values(): IterableIterator<T> {
    return this.#rows.values();
  }

  clear(): void {
    for (const row of [...this.#rows.values()]) this.delete(row);
  }
}
