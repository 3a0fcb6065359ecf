import type { Clock } from '../core/clock';

/**
 * Something that must happen at `at` (clock milliseconds) unless it is removed first. `previous` and
 * `next` belong to {@link Deadlines}: it keeps pending deadlines in a list through them, so adding
 * and removing one (twice per request) allocates nothing and hashes nothing.
 */
export interface Deadline {
  readonly at: number;
  expire(): void;
  previous: Deadline | undefined;
  next: Deadline | undefined;
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
  #head: Deadline | undefined;
  #armedAt = Number.POSITIVE_INFINITY;
  #cancel = (): void => undefined;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Calls `deadline.expire()` at `deadline.at` unless {@link delete} is called first. */
  add(deadline: Deadline): void {
    deadline.previous = undefined;
    deadline.next = this.#head;
    if (this.#head !== undefined) this.#head.previous = deadline;
    this.#head = deadline;
    if (deadline.at < this.#armedAt) this.#arm(deadline.at);
  }

  /** Forgets `deadline`: true if it was pending. */
  delete(deadline: Deadline): boolean {
    const { previous, next } = deadline;
    if (previous !== undefined) previous.next = next;
    else if (this.#head === deadline) this.#head = next;
    else return false;
    if (next !== undefined) next.previous = previous;
    deadline.previous = undefined;
    deadline.next = undefined;
    return true;
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
    const expired: Deadline[] = [];
    let next = Number.POSITIVE_INFINITY;
    for (let deadline = this.#head; deadline !== undefined; deadline = deadline.next) {
      if (deadline.at <= now) expired.push(deadline);
      else if (deadline.at < next) next = deadline.at;
    }
    // Expiring runs other code (abort listeners), which may add or remove deadlines: walk first.
    for (const deadline of expired) {
      if (this.delete(deadline)) deadline.expire();
    }
    if (next < this.#armedAt) this.#arm(next);
  }
}
