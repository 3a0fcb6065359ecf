const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** An IdGenerator's whole state, as JSON. */
export interface IdState {
  state: number;
  counters: Record<string, number>;
}

/**
 * Readable prefixed IDs (`conv_0000001k2m9x1`): a per-prefix counter, then random characters. The
 * counter makes IDs sort in creation order, so lists ordered by `(createdAt, id)` keep the order
 * records were written in even when many share a millisecond (normal on a test's manual clock); the
 * random tail keeps them unguessable across workspaces. A seeded generator keeps IDs identical across
 * runs of the same test, so failures reproduce.
 */
export class IdGenerator {
  #state: number;
  readonly #counters = new Map<string, number>();

  constructor(seed = 0x5eed) {
    this.#state = seed >>> 0 || 1;
  }

  /** mulberry32: small, fast and good enough for identifiers that only need to be unique. */
  #random(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** The counters and the PRNG state, journaled with every write so a restart never repeats an ID. */
  snapshot(): IdState {
    return { state: this.#state, counters: Object.fromEntries(this.#counters) };
  }

  /** Continues from a {@link snapshot} (restoring a `dataDir`). */
  restore(snapshot: IdState): void {
    this.#state = snapshot.state >>> 0 || 1;
    this.#counters.clear();
    for (const [prefix, count] of Object.entries(snapshot.counters)) this.#counters.set(prefix, count);
  }

  next(prefix: string, randomLength = 6): string {
    const count = (this.#counters.get(prefix) ?? 0) + 1;
    this.#counters.set(prefix, count);
    let id = `${prefix}_${count.toString(36).padStart(7, '0')}`;
    for (let i = 0; i < randomLength; i++) id += ALPHABET[Math.floor(this.#random() * ALPHABET.length)];
    return id;
  }
}
