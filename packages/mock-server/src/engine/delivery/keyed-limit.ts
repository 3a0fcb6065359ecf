/**
 * At most `limit` tasks at a time per key; the others wait their turn, first come first served.
 * The worker keys it by subscription, so a burst of events opens a bounded number of connections
 * to a receiver instead of thousands that all time out together.
 */
export class KeyedLimit {
  readonly #limit: number;
  readonly #queues = new Map<string, { active: number; waiting: (() => void)[] }>();

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(
        `@opencom/mock-server: delivery concurrency must be a whole number >= 1 (got ${limit})`,
      );
    }
    this.#limit = limit;
  }

  /** Runs `task` now if `key` has a free slot (synchronously up to its first await), else once one frees. */
  run(key: string, task: () => Promise<void>): Promise<void> {
    let queue = this.#queues.get(key);
    if (!queue) {
      queue = { active: 0, waiting: [] };
      this.#queues.set(key, queue);
    }
    if (queue.active < this.#limit) {
      queue.active++;
      return this.#go(key, task);
    }
    // The slot is handed over by #release, so `active` never goes past the limit in between.
    const waiting = queue.waiting;
    return new Promise<void>((resolve) => waiting.push(resolve)).then(() => this.#go(key, task));
  }

  #go(key: string, task: () => Promise<void>): Promise<void> {
    return task().finally(() => this.#release(key));
  }

  #release(key: string): void {
    const queue = this.#queues.get(key);
    if (!queue) return;
    const next = queue.waiting.shift();
    if (next) next();
    else if (--queue.active === 0) this.#queues.delete(key);
  }
}
