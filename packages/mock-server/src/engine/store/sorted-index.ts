/** An index key: compared element by element, numbers before strings. */
export type IndexKey = readonly (string | number)[];

export function compareKeys(a: IndexKey, b: IndexKey): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x === y) continue;
    if (typeof x === typeof y) return x < y ? -1 : 1;
    return typeof x === 'number' ? -1 : 1;
  }
  return a.length - b.length;
}

/** `compareKeys(key.slice(0, prefix.length), prefix)`, without the slice. */
function comparePrefix(key: IndexKey, prefix: IndexKey): number {
  const length = Math.min(key.length, prefix.length);
  for (let i = 0; i < length; i++) {
    const x = key[i] as string | number;
    const y = prefix[i] as string | number;
    if (x === y) continue;
    if (typeof x === typeof y) return x < y ? -1 : 1;
    return typeof x === 'number' ? -1 : 1;
  }
  return length - prefix.length;
}

function hasPrefix(key: IndexKey, prefix: IndexKey): boolean {
  for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return false;
  return true;
}

export interface ScanOptions {
  /** Start strictly after this key. */
  after?: IndexKey | undefined;
  reverse?: boolean | undefined;
}

interface Entry<T> {
  key: IndexKey;
  row: T;
}

/**
 * Rows kept sorted by a key (which must end with the row's unique ID). Lookups and range starts are
 * binary searches, so reading a page costs O(log n + page size) whatever the table's size.
 */
export class SortedIndex<T> {
  readonly #entries: Entry<T>[] = [];
  readonly #keyOf: (row: T) => IndexKey;

  constructor(keyOf: (row: T) => IndexKey) {
    this.#keyOf = keyOf;
  }

  keyOf(row: T): IndexKey {
    return this.#keyOf(row);
  }

  get size(): number {
    return this.#entries.length;
  }

  /** Index of the first entry whose key is >= `key` (or > `key` when `strict`). */
  #lowerBound(key: IndexKey, strict = false): number {
    let lo = 0;
    let hi = this.#entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const cmp = compareKeys((this.#entries[mid] as Entry<T>).key, key);
      if (cmp < 0 || (strict && cmp === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index just past the last entry whose key starts with `prefix`. */
  #endOfPrefix(prefix: IndexKey): number {
    let lo = 0;
    let hi = this.#entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (comparePrefix((this.#entries[mid] as Entry<T>).key, prefix) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(row: T): void {
    const key = this.#keyOf(row);
    this.#entries.splice(this.#lowerBound(key), 0, { key, row });
  }

  /** Removes the entry for `row` as it was indexed under `key` (its key before a change). */
  remove(key: IndexKey): void {
    const at = this.#lowerBound(key);
    const entry = this.#entries[at];
    if (entry !== undefined && compareKeys(entry.key, key) === 0) this.#entries.splice(at, 1);
  }

  /** Where a scan starts: the first entry after `after` (or of the prefix), the last one in reverse. */
  #start(prefix: IndexKey, options: ScanOptions): number {
    if (options.reverse) {
      // Descending: from the last key below `after`, or the last key with the prefix.
      return (options.after ? this.#lowerBound(options.after) : this.#endOfPrefix(prefix)) - 1;
    }
    return options.after ? this.#lowerBound(options.after, true) : this.#lowerBound(prefix);
  }

  /**
   * Rows whose key starts with `prefix`, ascending (or descending with `reverse`), starting strictly
   * after `after` when given.
   */
  *scan(prefix: IndexKey, options: ScanOptions = {}): Generator<T> {
    const entries = this.#entries;
    const step = options.reverse ? -1 : 1;
    for (let i = this.#start(prefix, options); i >= 0 && i < entries.length; i += step) {
      const entry = entries[i] as Entry<T>;
      if (!hasPrefix(entry.key, prefix)) return;
      yield entry.row;
    }
  }

  /**
   * The rows `scan` would yield, handed to `visit` until it returns false: a page read this way costs
   * no generator step per row.
   */
  visit(prefix: IndexKey, options: ScanOptions, visit: (row: T) => boolean): void {
    const entries = this.#entries;
    const step = options.reverse ? -1 : 1;
    for (let i = this.#start(prefix, options); i >= 0 && i < entries.length; i += step) {
      const entry = entries[i] as Entry<T>;
      if (!hasPrefix(entry.key, prefix) || !visit(entry.row)) return;
    }
  }
}
