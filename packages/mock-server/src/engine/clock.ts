/** The engine's only source of time, so tests can drive leases, retries and key expiry. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Real time, for the HTTP server started for local use. */
export const systemClock: Clock = { now: () => Date.now() };

/** Time that moves only when told to: tests and `POST /__control/clock/advance`. */
export class ManualClock implements Clock {
  #now: number;
  readonly #start: number;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start;
    this.#start = start;
  }

  /** Back to the time it started at: only for a full reset, when nothing that depends on time is left. */
  rewind(): void {
    this.#now = this.#start;
  }

  now(): number {
    return this.#now;
  }

  /** Moves time forward; time never goes back, so leases and retries stay consistent. */
  set(to: number): void {
    if (!Number.isFinite(to) || to < this.#now) {
      throw new RangeError(`@opencom/mock-server: the clock cannot move back (from ${this.#now} to ${to})`);
    }
    this.#now = to;
  }
}
