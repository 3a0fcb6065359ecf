import { describe, expect, it } from 'vitest';
import { KeyedLimit } from './keyed-limit';

describe('KeyedLimit', () => {
  it('runs at most `limit` tasks per key, in arrival order, and keys do not wait for each other', async () => {
    const limit = new KeyedLimit(2);
    const log: string[] = [];
    const gates = new Map<string, () => void>();
    const task = (name: string) => () =>
      new Promise<void>((resolve) => {
        log.push(`start ${name}`);
        gates.set(name, () => {
          log.push(`end ${name}`);
          resolve();
        });
      });
    const all = ['a1', 'a2', 'a3', 'a4'].map((name) => limit.run('a', task(name)));
    const other = limit.run('b', task('b1'));
    expect(log).toEqual(['start a1', 'start a2', 'start b1']);
    gates.get('a2')?.();
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['start a1', 'start a2', 'start b1', 'end a2', 'start a3']);
    for (const name of ['a1', 'a3', 'b1']) gates.get(name)?.();
    await new Promise((resolve) => setImmediate(resolve));
    gates.get('a4')?.();
    await Promise.all([...all, other]);
    expect(log.filter((line) => line.startsWith('start'))).toEqual([
      'start a1',
      'start a2',
      'start b1',
      'start a3',
      'start a4',
    ]);
  });

  it('refuses a limit below 1', () => {
    expect(() => new KeyedLimit(0)).toThrow(RangeError);
  });
});
