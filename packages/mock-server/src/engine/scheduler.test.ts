import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { Scheduler } from './scheduler';

function setup() {
  const clock = new ManualClock(1_000);
  return { clock, scheduler: new Scheduler(clock) };
}

describe('Scheduler', () => {
  it('runs due tasks in time order with the clock at each task time', async () => {
    const { clock, scheduler } = setup();
    const seen: Array<[string, number]> = [];
    scheduler.schedule(3_000, () => void seen.push(['c', clock.now()]));
    scheduler.schedule(2_000, () => void seen.push(['a', clock.now()]));
    scheduler.schedule(2_000, () => void seen.push(['b', clock.now()]));
    scheduler.schedule(9_000, () => void seen.push(['late', clock.now()]));

    expect(await scheduler.advanceBy(1_500)).toBe(2);
    expect(clock.now()).toBe(2_500);
    expect(await scheduler.advanceTo(3_000)).toBe(1);
    expect(seen).toEqual([
      ['a', 2_000],
      ['b', 2_000],
      ['c', 3_000],
    ]);
    expect(scheduler.pending).toBe(1);
    expect(scheduler.nextAt).toBe(9_000);
  });

  it('runs tasks that running tasks schedule inside the same advance (a retry chain)', async () => {
    const { clock, scheduler } = setup();
    const attempts: number[] = [];
    const attempt = () => {
      attempts.push(clock.now());
      if (attempts.length < 4) scheduler.schedule(clock.now() + 30_000, attempt);
    };
    scheduler.schedule(clock.now(), attempt);
    await scheduler.advanceBy(60 * 60_000);
    expect(attempts).toEqual([1_000, 31_000, 61_000, 91_000]);
    expect(scheduler.pending).toBe(0);
  });

  it('skips cancelled tasks', async () => {
    const { scheduler } = setup();
    let ran = false;
    const handle = scheduler.schedule(1_500, () => {
      ran = true;
    });
    handle.cancel();
    expect(await scheduler.advanceBy(1_000)).toBe(0);
    expect(ran).toBe(false);
    expect(scheduler.nextAt).toBeNull();
  });

  it('keeps order across many tasks (heap property)', async () => {
    const { clock, scheduler } = setup();
    const times = Array.from({ length: 500 }, (_, i) => 1_000 + ((i * 7_919) % 10_007));
    const seen: number[] = [];
    for (const at of times) scheduler.schedule(at, () => void seen.push(clock.now()));
    await scheduler.advanceTo(20_000);
    expect(seen).toEqual([...times].sort((a, b) => a - b));
  });

  it('refuses to move time backwards', async () => {
    const { clock, scheduler } = setup();
    expect(() => scheduler.advanceBy(-1)).toThrow(RangeError);
    expect(() => clock.set(0)).toThrow(/cannot move back/);
  });
});
