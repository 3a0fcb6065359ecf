import { describe, expect, it } from 'vitest';
import { runOrdered } from './ordered-pool';

/** A task whose completion the test controls. */
function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('runOrdered', () => {
  it('keeps at most `limit` tasks running and reports results in item order, as soon as they can be', async () => {
    const gates = [deferred(), deferred(), deferred()];
    let running = 0;
    let most = 0;
    const reported: number[] = [];
    const done = runOrdered(
      [0, 1, 2],
      2,
      async (item) => {
        running++;
        most = Math.max(most, running);
        await gates[item]?.promise;
        running--;
        return item * 10;
      },
      (result) => reported.push(result),
    );
    gates[1]?.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(reported).toEqual([]); // 1 finished first, but 0 is reported first
    gates[0]?.resolve();
    gates[2]?.resolve();
    expect(await done).toEqual([0, 10, 20]);
    expect(reported).toEqual([0, 10, 20]);
    expect(most).toBe(2);
  });

  it('starts no new task once stopped, and returns the ones that ran', async () => {
    let stop = false;
    const results = await runOrdered(
      [1, 2, 3, 4],
      1,
      async (item) => {
        if (item === 2) stop = true;
        return item;
      },
      undefined,
      () => stop,
    );
    expect(results).toEqual([1, 2]);
  });
});
