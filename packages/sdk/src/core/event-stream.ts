import { sleep } from '../internal/sleep';
import type { Clock } from './clock';
import type { PageBody } from './pagination';

/** Options of `opencom.events.stream`. */
export interface EventStreamOptions {
  /** Where to start: a saved `stream.cursor`, `'now'` for only new events, or absent for the oldest. */
  after?: string | undefined;
  /** Only these event types. */
  types?: readonly string[] | undefined;
  /** Only events about these resource types (`conversation`, `message`, ...). */
  resourceTypes?: readonly string[] | undefined;
  /** Events per request (1–100, server default 20). */
  limit?: number | undefined;
  /** Stops the stream: the `for await` loop ends without an error. */
  signal?: AbortSignal | undefined;
  /** Wait after a poll that reached the head of the feed (default 1 000 ms). */
  pollIntervalMs?: number | undefined;
  /** The wait doubles while the feed stays empty, up to this (default 30 000 ms). */
  maxPollIntervalMs?: number | undefined;
}

/** Reads one page of the feed after a cursor. */
export type EventPageReader<E> = (
  after: string | undefined,
  signal: AbortSignal | undefined,
) => Promise<PageBody<E>>;

/**
 * The event feed as an endless async iterable: it reads forward from `after`, page by page, and when it
 * reaches the head it polls again after `pollIntervalMs`, doubling the wait while nothing new arrives.
 *
 * `cursor` is where to resume after the event the loop is handling: save it once the event is handled
 * and pass it as `after` next time. Resuming never skips an event; it may repeat events of the page that
 * was being read (events have stable `id`s to dedupe on, as webhook deliveries do).
 *
 * @example
 * const stream = opencom.events.stream({ after: await load(), types: ['message.created'], signal });
 * for await (const event of stream) {
 *   await handle(event);
 *   await save(stream.cursor);
 * }
 * @see spec/paths/events.yaml
 */
export class EventStream<E> implements AsyncIterable<E> {
  /** The position to resume from (pass it as `after`); undefined means the start of the feed. */
  cursor: string | undefined;
  readonly #read: EventPageReader<E>;
  readonly #clock: Clock;
  readonly #options: EventStreamOptions;

  constructor(read: EventPageReader<E>, clock: Clock, options: EventStreamOptions = {}) {
    this.#read = read;
    this.#clock = clock;
    this.#options = options;
    this.cursor = options.after;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<E, void, undefined> {
    const { signal } = this.#options;
    const stopped = () => signal?.aborted === true;
    const minWait = this.#options.pollIntervalMs ?? 1_000;
    const maxWait = this.#options.maxPollIntervalMs ?? 30_000;
    let emptyPolls = 0;
    while (!stopped()) {
      const pageStart = this.cursor;
      let page: PageBody<E>;
      try {
        page = await this.#read(pageStart, signal);
      } catch (error) {
        if (stopped()) return;
        throw error;
      }
      const last = page.data.length - 1;
      for (const [i, event] of page.data.entries()) {
        this.cursor = i === last ? (page.nextCursor ?? pageStart) : pageStart;
        yield event;
        if (stopped()) return;
      }
      this.cursor = page.nextCursor ?? pageStart;
      if (page.hasMore) continue;
      emptyPolls = page.data.length === 0 ? emptyPolls + 1 : 0;
      const wait = Math.min(maxWait, minWait * 2 ** emptyPolls);
      try {
        await sleep(this.#clock, wait, signal);
      } catch {
        return;
      }
    }
  }
}
