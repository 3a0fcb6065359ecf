import type { Clock } from '../src/core/clock';

/**
 * A clock for unit tests whose time moves only through `advance(ms)`, which fires each due timer at
 * its own time, in order.
 */
export function steppedClock() {
  let now = 0;
  let timers: { at: number; fire: () => void }[] = [];
  const clock: Clock = {
    now: () => now,
    setTimer(ms, fire) {
      const timer = { at: now + ms, fire };
      timers.push(timer);
      return () => {
        timers = timers.filter((t) => t !== timer);
      };
    },
  };
  const advance = (ms: number) => {
    const to = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= to).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      timers = timers.filter((t) => t !== due);
      now = due.at;
      due.fire();
    }
    now = to;
  };
  return { clock, advance, running: () => timers.length };
}
