import type { MockServer } from '../server';

export interface RealTimeClock {
  /** Moves the engine clock to real time plus the offset, running due tasks. */
  sync(): Promise<void>;
  /** Call after each request: keeps a jump made by the control API (the offset grows). */
  observe(): void;
  stop(): void;
}

/**
 * Lets time flow on a server started for local use, while the engine keeps its ManualClock (so the
 * control API can still jump ahead). Before each request and every `intervalMs`, the clock moves to
 * `Date.now() + offset` and due tasks run (lease expiry, webhook retries). `offset` starts as the
 * engine's lead over the wall clock and grows whenever the engine clock is found ahead of
 * `Date.now() + offset`, which only `POST /__control/clock/advance` does: time then keeps flowing
 * from the new instant instead of waiting for the wall clock to catch up. It never shrinks.
 */
export function driveInRealTime(
  server: Pick<MockServer, 'clock' | 'scheduler'>,
  onError: (error: unknown) => void,
  intervalMs = 250,
): RealTimeClock {
  let offset = server.clock.now() - Date.now();
  let running: Promise<void> | undefined;
  const observe = () => {
    offset = Math.max(offset, server.clock.now() - Date.now());
  };
  const sync = (): Promise<void> => {
    // One sync at a time; a request arriving meanwhile does not wait for slow tasks (deliveries).
    if (running) return Promise.resolve();
    observe();
    const target = Date.now() + offset;
    const next = server.scheduler.nextAt;
    if (next === null || next > target) {
      // Nothing falls due: move the clock without a task run (the common case, once per request).
      server.clock.set(Math.max(target, server.clock.now()));
      return Promise.resolve();
    }
    running = server.scheduler
      .advanceTo(target)
      .then(() => undefined, onError)
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void sync(), intervalMs);
  // The timer alone must not keep a process alive.
  timer.unref();
  return { sync, observe, stop: () => clearInterval(timer) };
}
