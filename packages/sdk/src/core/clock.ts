/**
 * The SDK's only source of time: retry backoff, request timeouts, the event stream's polling and claim
 * renewals all go through it, so tests can run on a fake clock (or the reference server's) and never
 * wait for real.
 *
 * @example
 * // A clock that follows the reference server's manual clock; timers fire when the test says so.
 * const clock: Clock = { now: () => server.clock.now(), setTimer: (ms, fire) => timers.add(ms, fire) };
 * const opencom = new Opencom({ clock });
 * @see systemClock for the default
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Calls `callback` once, `ms` milliseconds from now; the returned function cancels it. With
   * `keepAlive: false` the timer alone does not keep a Node process running (request timeouts: the
   * request itself does that).
   */
  setTimer(ms: number, callback: () => void, options?: { keepAlive?: boolean }): () => void;
}

/**
 * Real time through `Date.now` and `setTimeout`, available on every runtime.
 *
 * @example
 * const cancel = systemClock.setTimer(250, () => console.log('later'));
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, callback, options) {
    const timer = setTimeout(callback, ms);
    // Node, Bun and Deno timers have `unref`; browsers return a number.
    if (options?.keepAlive === false) (timer as { unref?: () => void }).unref?.();
    return () => clearTimeout(timer);
  },
};
