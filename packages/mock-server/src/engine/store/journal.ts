import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { IdState } from '../ids';
import { JournaledMap } from './journaled-map';
import type { Store } from './store';
import { Table } from './table';

/**
 * Durable state for `dataDir`: every write to the store is journaled to `journal.ndjson` and read
 * back on start, so `kill -9` loses nothing a client was told succeeded.
 *
 * Tables and journaled maps report the keys they write; `flush()` appends one line holding the
 * current value of every key written since the last flush (or a deletion), plus the counters that
 * must never repeat (IDs, event sequence) and the clock. The engine flushes before every response
 * leaves (fsync included, synchronously on purpose), and a flush is queued for writes made outside
 * requests (lease expiry, delivery attempts). Replaying the lines in order rebuilds the store as it
 * was at the last flush; a torn last line was never acknowledged and is dropped.
 */

/** What a journal line records besides rows: the state that must continue after a restart. */
export interface DurableCounters {
  ids: IdState;
  eventSeq: number;
  clock: number;
}

interface JournalLine extends DurableCounters {
  /** `[table or map name, key, value]`; `null` is a deletion (rows and map values are never null). */
  ops: Array<[string, string, unknown]>;
}

/** Keys kept beside the journal so cursors and sealed webhook secrets stay valid across restarts. */
export interface DurableKeys {
  cursorSecret: Uint8Array;
  secretKey: Uint8Array;
}

const JOURNAL = 'journal.ndjson';
const KEYS = 'keys.json';

type Journaled = Table<{ id: string }> | JournaledMap<string, unknown>;

function journaledParts(store: Store): Map<string, Journaled> {
  const parts = new Map<string, Journaled>();
  for (const [name, part] of Object.entries(store)) {
    // `articleSearch` is derived (rebuilt from the articles on first search), so it is not journaled.
    if (part instanceof Table || part instanceof JournaledMap) parts.set(name, part as Journaled);
  }
  return parts;
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes a whole file durably: a temporary file, fsync, rename, fsync of the directory. */
function replaceFile(dir: string, name: string, text: string): void {
  const temporary = join(dir, `${name}.tmp`);
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeAll(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, join(dir, name));
  syncDirectory(dir);
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}

/**
 * The data directory's keys, created once (mode 0600). Keys given in the options win, and are the
 * ones stored when the directory is new.
 */
export function loadKeys(dir: string, given: Partial<DurableKeys>): DurableKeys {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, KEYS);
  if (existsSync(path)) {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { cursorSecret?: unknown; secretKey?: unknown };
    if (typeof stored.cursorSecret !== 'string' || typeof stored.secretKey !== 'string') {
      throw new Error(`@opencom/mock-server: ${path} is not a keys file of this server`);
    }
    return {
      cursorSecret: given.cursorSecret ?? Buffer.from(stored.cursorSecret, 'base64'),
      secretKey: given.secretKey ?? Buffer.from(stored.secretKey, 'base64'),
    };
  }
  const keys: DurableKeys = {
    cursorSecret: given.cursorSecret ?? randomBytes(32),
    secretKey: given.secretKey ?? randomBytes(32),
  };
  const text = JSON.stringify({
    cursorSecret: Buffer.from(keys.cursorSecret).toString('base64'),
    secretKey: Buffer.from(keys.secretKey).toString('base64'),
  });
  replaceFile(dir, KEYS, `${text}\n`);
  return keys;
}

/** Reads the journal's lines; a last line that is torn or unreadable is dropped (never acknowledged). */
function readLines(path: string): JournalLine[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const parts = text.split('\n');
  // Text after the last newline is a torn write (or '' when the file ends cleanly).
  const complete = parts.slice(0, -1).filter((line) => line !== '');
  const lines: JournalLine[] = [];
  complete.forEach((line, i) => {
    try {
      lines.push(JSON.parse(line) as JournalLine);
    } catch (error) {
      if (i === complete.length - 1) return;
      throw new Error(`@opencom/mock-server: ${path} line ${i + 1} is corrupt: ${String(error)}`);
    }
  });
  return lines;
}

/** Applies the journal to an empty store; returns the counters of its last line (null when empty). */
function replay(store: Store, lines: readonly JournalLine[]): DurableCounters | null {
  const parts = journaledParts(store);
  // Collapse to each key's last value first, so every row is inserted once with its final state.
  const latest = new Map<string, Map<string, unknown>>();
  for (const line of lines) {
    for (const [name, key, value] of line.ops) {
      if (!parts.has(name))
        throw new Error(`@opencom/mock-server: the journal names an unknown store part ${name}`);
      let values = latest.get(name);
      if (!values) {
        values = new Map();
        latest.set(name, values);
      }
      values.set(key, value);
    }
  }
  for (const [name, values] of latest) {
    const part = parts.get(name);
    for (const [key, value] of values) {
      if (value === null) continue;
      if (part instanceof Table) part.insert(value as { id: string });
      else part?.set(key, value);
    }
  }
  const last = lines.at(-1);
  return last ? { ids: last.ids, eventSeq: last.eventSeq, clock: last.clock } : null;
}

export class Journal {
  readonly #dir: string;
  readonly #parts: Map<string, Journaled>;
  readonly #counters: () => DurableCounters;
  /** Keys written since the last flush, per store part. */
  readonly #dirty = new Map<string, Set<string>>();
  readonly #fd: number;
  #size: number;
  #queued = false;
  #closed = false;
  /** The IDs and event number last written, and the clock, to tell whether a flush has news. */
  #issued = '';
  #clock = 0;

  /**
   * Restores `store` (empty, with nothing listening yet) from `dir`, compacts the journal to one line,
   * and journals every write from then on. Returns the journal and the counters to continue from.
   */
  static open(
    dir: string,
    store: Store,
    counters: () => DurableCounters,
  ): { journal: Journal; restored: DurableCounters | null } {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const restored = replay(store, readLines(join(dir, JOURNAL)));
    const journal = new Journal(dir, store, counters, restored);
    return { journal, restored };
  }

  private constructor(
    dir: string,
    store: Store,
    counters: () => DurableCounters,
    restored: DurableCounters | null,
  ) {
    this.#dir = dir;
    this.#parts = journaledParts(store);
    this.#counters = counters;
    // Compaction: the restored state as a single line replaces the old journal (torn tail included).
    const ops: JournalLine['ops'] = [];
    for (const [name, part] of this.#parts) {
      if (part instanceof Table) for (const row of part.values()) ops.push([name, row.id, row]);
      else for (const [key, value] of part) ops.push([name, key, value]);
    }
    const text = restored ? `${JSON.stringify({ ops, ...restored } satisfies JournalLine)}\n` : '';
    replaceFile(dir, JOURNAL, text);
    this.#fd = openSync(join(dir, JOURNAL), 'a', 0o600);
    this.#size = Buffer.byteLength(text);
    if (restored) {
      this.#issued = JSON.stringify([restored.ids, restored.eventSeq]);
      this.#clock = restored.clock;
    }
    for (const [name, part] of this.#parts) part.onWrite = (key: string) => this.#touch(name, key);
  }

  /** Whether writes are waiting for a flush. */
  get dirty(): boolean {
    return this.#dirty.size > 0;
  }

  /**
   * Appends the state of every key written since the last flush and fsyncs it. Synchronous on
   * purpose: the caller's response must not leave before the data is on disk. With no key written,
   * a line is still due when an ID or event number was handed out (a request ID, say), or when
   * `clockMatters` (a control request) and the clock moved; otherwise it is a no-op.
   */
  flush(clockMatters = false): void {
    if (this.#closed) return;
    const counters = this.#counters();
    const issued = JSON.stringify([counters.ids, counters.eventSeq]);
    const clean =
      this.#dirty.size === 0 && issued === this.#issued && (!clockMatters || counters.clock === this.#clock);
    if (clean) return;
    const ops: JournalLine['ops'] = [];
    for (const [name, keys] of this.#dirty) {
      const part = this.#parts.get(name);
      for (const key of keys) ops.push([name, key, part?.get(key) ?? null]);
    }
    const text = `${JSON.stringify({ ops, ...counters } satisfies JournalLine)}\n`;
    try {
      writeAll(this.#fd, text);
      fsyncSync(this.#fd);
    } catch (error) {
      // Cut a partial line off, so the next flush does not append after garbage; keys stay dirty.
      try {
        ftruncateSync(this.#fd, this.#size);
      } catch {
        // The original error says more.
      }
      throw error;
    }
    this.#size += Buffer.byteLength(text);
    this.#dirty.clear();
    this.#issued = issued;
    this.#clock = counters.clock;
  }

  /** Stops journaling (tests that open the same directory again in one process). */
  close(): void {
    if (this.#closed) return;
    this.flush();
    for (const part of this.#parts.values()) part.onWrite = null;
    this.#closed = true;
    closeSync(this.#fd);
  }

  #touch(name: string, key: string): void {
    let keys = this.#dirty.get(name);
    if (!keys) {
      keys = new Set();
      this.#dirty.set(name, keys);
    }
    keys.add(key);
    // Writes outside a request (lease expiry, delivery attempts) are flushed once the turn ends.
    if (this.#queued) return;
    this.#queued = true;
    setImmediate(() => {
      this.#queued = false;
      try {
        this.flush();
      } catch (error) {
        process.emitWarning(`@opencom/mock-server: could not write ${join(this.#dir, JOURNAL)}: ${error}`);
      }
    });
  }
}
