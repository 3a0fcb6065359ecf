/**
 * A Map that tells the `dataDir` journal which keys changed, like `Table.onWrite`. Values must be
 * replaced with `set`, never mutated in place: the journal writes the value the key holds at flush.
 */
export class JournaledMap<K, V> extends Map<K, V> {
  onWrite: ((key: K) => void) | null = null;

  override set(key: K, value: V): this {
    super.set(key, value);
    // `super()` calls `set` for constructor entries before the field initializer runs.
    this.onWrite?.(key);
    return this;
  }

  override delete(key: K): boolean {
    const deleted = super.delete(key);
    if (deleted) this.onWrite?.(key);
    return deleted;
  }

  override clear(): void {
    for (const key of [...this.keys()]) this.delete(key);
  }
}
