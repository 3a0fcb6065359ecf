/**
 * Runs `task` over `items` with at most `limit` running at once, and hands each result to `onResult`
 * in item order as soon as it and every earlier one have finished, so output is the same on every run
 * however the requests interleave. `stopped()` is checked before each new item starts (Ctrl-C);
 * items never started are left out of the returned list.
 */
export async function runOrdered<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
  onResult: (result: R, index: number) => void = () => undefined,
  stopped: () => boolean = () => false,
): Promise<R[]> {
  const settled: Array<{ value: R } | undefined> = [];
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stopped()) {
      const index = next++;
      settled[index] = { value: await task(items[index] as T, index) };
      for (let done = settled[results.length]; done !== undefined; done = settled[results.length]) {
        onResult(done.value, results.length);
        results.push(done.value);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
