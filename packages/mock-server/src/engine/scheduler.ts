import type { ManualClock } from './clock';

/** A task that runs when the clock reaches `at`. */
interface Task {
  at: number;
  seq: number;
  label: string;
  run: () => void | Promise<void>;
  cancelled: boolean;
}

/** Cancels a scheduled task; a no-op once it ran. */
export interface TaskHandle {
  cancel(): void;
}

/**
 * Runs work on the engine's clock: lease expiry, webhook retries, idempotency-key expiry. Tasks are
 * kept in a binary heap ordered by (time, insertion), so many pending retries cost O(log n) each.
 */
export class Scheduler {
  readonly #clock: ManualClock;
  readonly #heap: Task[] = [];
  #seq = 0;

  constructor(clock: ManualClock) {
    this.#clock = clock;
  }

  /** Runs `run` once the clock reaches `at` (immediately on the next advance if `at` is past). */
  schedule(at: number, run: () => void | Promise<void>, label = 'task'): TaskHandle {
    const task: Task = { at, seq: this.#seq++, label, run, cancelled: false };
    this.#push(task);
    return {
      cancel: () => {
        task.cancelled = true;
      },
    };
  }

  /** Number of tasks still waiting. */
  get pending(): number {
    return this.#heap.filter((task) => !task.cancelled).length;
  }

  /** When the next task is due, or null. */
  get nextAt(): number | null {
    this.#dropCancelled();
    return this.#heap[0]?.at ?? null;
  }

  /**
   * Moves the clock to `to`, running every task that falls due in time order with the clock set to
   * each task's own time, including tasks scheduled by tasks that ran. Returns how many ran.
   */
  async advanceTo(to: number): Promise<number> {
    let ran = 0;
    for (;;) {
      this.#dropCancelled();
      const next = this.#heap[0];
      if (next === undefined || next.at > to) break;
      this.#pop();
      this.#clock.set(Math.max(next.at, this.#clock.now()));
      await next.run();
      ran++;
    }
    this.#clock.set(Math.max(to, this.#clock.now()));
    return ran;
  }

  /** Moves the clock forward by `ms`; see {@link advanceTo}. */
  advanceBy(ms: number): Promise<number> {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`@opencom/mock-server: cannot advance the clock by ${ms} ms`);
    }
    return this.advanceTo(this.#clock.now() + ms);
  }

  /** Drops every pending task (a full reset of the server). */
  clear(): void {
    this.#heap.length = 0;
  }

  #dropCancelled(): void {
    while (this.#heap[0]?.cancelled) this.#pop();
  }

  #before(a: Task, b: Task): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  #push(task: Task): void {
    const heap = this.#heap;
    heap.push(task);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(task, heap[parent] as Task)) break;
      heap[i] = heap[parent] as Task;
      i = parent;
    }
    heap[i] = task;
  }

  #pop(): Task | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      const candidate = (index: number) => (index === i ? last : (heap[index] as Task));
      if (left < heap.length && this.#before(heap[left] as Task, candidate(smallest))) smallest = left;
      if (right < heap.length && this.#before(heap[right] as Task, candidate(smallest))) smallest = right;
      if (smallest === i) break;
      heap[i] = heap[smallest] as Task;
      i = smallest;
    }
    heap[i] = last;
    return top;
  }
}
