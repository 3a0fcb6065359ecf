import type { Clock } from '../core/clock';

interface Deadline {
  at: number;
  expire: () => void;
}

/**
 * Request timeouts on one timer. A timer per request costs about as much as the rest of the SDK's
 * work on a call (bench/sdk-overhead.ts), so every in-flight attempt registers its deadline here and a
 * single timer, armed for the earliest one, sweeps the expired. Finishing an attempt only forgets its
 * deadline: the timer stays armed (without keeping a Node process alive) and re-arms for whatever is
 * still in flight when it fires.
 */
export class Deadlines {
  readonly #clock: Clock;
  readonly #pending = new Set<Deadline>();
  #armedAt = Number.POSITIVE_INFINITY;
  #cancel = (): void => undefined;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Calls `expire` in `ms` unless the returned function is called first. */
  add(ms: number, expire: () => void): () => void {
    const deadline: Deadline = { at: this.#clock.now() + ms, expire };
    this.#pending.add(deadline);
    if (deadline.at < this.#armedAt) this.#arm(deadline.at);
    return () => {
      this.#pending.delete(deadline);
    };
  }

  #arm(at: number): void {
    this.#cancel();
    this.#armedAt = at;
    this.#cancel = this.#clock.setTimer(Math.max(0, at - this.#clock.now()), () => this.#sweep(), {
      keepAlive: false,
    });
  }

  #sweep(): void {
    this.#armedAt = Number.POSITIVE_INFINITY;
    this.#cancel = () => undefined;
    const now = this.#clock.now();
    let next = Number.POSITIVE_INFINITY;
    for (const deadline of this.#pending) {
      if (deadline.at <= now) {
        this.#pending.delete(deadline);
        deadline.expire();
      } else if (deadline.at < next) {
        next = deadline.at;
      }
    }
    if (next !== Number.POSITIVE_INFINITY) this.#arm(next);
  }
}
