import { describe, expect, it } from 'vitest';
import { steppedClock } from '../../test/stepped-clock';
import { type Deadline, Deadlines } from './deadlines';

function deadline(at: number, fired: string[], name: string, then?: () => void): Deadline {
  return {
    at,
    previous: undefined,
    next: undefined,
    expire: () => {
      fired.push(`${name}@${at}`);
      then?.();
    },
  };
}

describe('Deadlines', () => {
  it('fires each deadline at its time from a single timer', () => {
    const { clock, advance, running } = steppedClock();
    const deadlines = new Deadlines(clock);
    const fired: string[] = [];
    deadlines.add(deadline(300, fired, 'c'));
    deadlines.add(deadline(100, fired, 'a'));
    deadlines.add(deadline(200, fired, 'b'));
    expect(running()).toBe(1);
    advance(150);
    expect(fired).toEqual(['a@100']);
    advance(850);
    expect(fired).toEqual(['a@100', 'b@200', 'c@300']);
    expect(running()).toBe(0);
  });

  it('never fires a deleted deadline, and deleting twice or deleting the unknown is harmless', () => {
    const { clock, advance } = steppedClock();
    const deadlines = new Deadlines(clock);
    const fired: string[] = [];
    const [a, b, c] = [deadline(100, fired, 'a'), deadline(100, fired, 'b'), deadline(100, fired, 'c')];
    for (const d of [a, b, c]) deadlines.add(d);
    deadlines.delete(b);
    deadlines.delete(b);
    deadlines.delete(deadline(100, fired, 'stranger'));
    deadlines.delete(c);
    advance(100);
    expect(fired).toEqual(['a@100']);
  });

  it('keeps time for deadlines added or deleted while others expire', () => {
    const { clock, advance } = steppedClock();
    const deadlines = new Deadlines(clock);
    const fired: string[] = [];
    const late = deadline(500, fired, 'late');
    const sibling = deadline(100, fired, 'sibling');
    deadlines.add(late);
    deadlines.add(sibling);
    deadlines.add(
      deadline(100, fired, 'first', () => {
        deadlines.delete(sibling);
        deadlines.add(deadline(150, fired, 'added'));
      }),
    );
    advance(1_000);
    expect(fired).toEqual(['first@100', 'added@150', 'late@500']);
  });
});
