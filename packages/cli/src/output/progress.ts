import { type IO, isCI } from '../io/io';
import { truncate } from './format';

/** Progress of a batch of work, drawn on stderr while it runs. */
export interface Progress {
  /** Sets how much is done and what is being worked on. */
  update(done: number, detail?: string): void;
  /**
   * Runs `write` with the bar taken off the screen, then draws it again: anything printed while the
   * bar is up goes through here, so lines never end up glued to the bar.
   */
  around(write: () => void): void;
  /** Removes the bar for good. */
  stop(): void;
}

const silent: Progress = {
  update: () => undefined,
  around: (write) => write(),
  stop: () => undefined,
};

const CLEAR_LINE = '\r\u001b[2K';
const FRAME_MS = 80;
const BAR_WIDTH = 24;

/**
 * A progress bar on stderr, or nothing at all when stderr is not a terminal a person watches (piped,
 * redirected to a file, CI, TERM=dumb): a log must not fill up with redraws.
 */
export function createProgress(io: IO, label: string, total: number, now: () => number = Date.now): Progress {
  const interactive = io.tty.stderr && !isCI(io.env) && io.env.TERM !== 'dumb';
  if (!interactive || total === 0) return silent;
  return new ProgressBar(io, label, total, now);
}

class ProgressBar implements Progress {
  #done = 0;
  #detail = '';
  #drawnAt = Number.NEGATIVE_INFINITY;
  #visible = false;
  #stopped = false;
  readonly #io: IO;
  readonly #label: string;
  readonly #total: number;
  readonly #now: () => number;

  constructor(io: IO, label: string, total: number, now: () => number) {
    this.#io = io;
    this.#label = label;
    this.#total = total;
    this.#now = now;
    this.#draw();
  }

  update(done: number, detail = ''): void {
    this.#done = Math.min(done, this.#total);
    this.#detail = detail;
    // Redraws are throttled, except the last one, so a fast batch does not flood the terminal.
    if (this.#done === this.#total || this.#now() - this.#drawnAt >= FRAME_MS) this.#draw();
  }

  around(write: () => void): void {
    this.#clear();
    write();
    this.#draw();
  }

  stop(): void {
    this.#clear();
    this.#stopped = true;
  }

  #clear(): void {
    if (this.#visible) this.#io.err.write(CLEAR_LINE);
    this.#visible = false;
  }

  #draw(): void {
    if (this.#stopped) return;
    const filled = Math.round((this.#done / this.#total) * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    const count = `${this.#done}/${this.#total}`;
    const line = `${this.#label} ${bar} ${count}`;
    // One line that never wraps, or `\r` could not take it back.
    const room = (this.#io.columns || 80) - line.length - 3;
    const detail = room > 8 && this.#detail !== '' ? `  ${truncate(this.#detail, room)}` : '';
    this.#io.err.write(`${CLEAR_LINE}${line}${detail}`);
    this.#visible = true;
    this.#drawnAt = this.#now();
  }
}
