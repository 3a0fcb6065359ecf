import type { Opencom } from '@opencom/sdk';
import type { ClaimBot } from './bot';
import { visitorMessageOf } from './visitor-message';

export interface EventFeedOptions {
  /** Where to start: a saved cursor, or `'now'` (the default) for only what happens from now on. */
  after?: string | undefined;
  /** Ends the tail (the loop returns without an error). */
  signal?: AbortSignal | undefined;
  /** Poll interval at the head of the feed (default 1 000 ms; it doubles while the feed stays quiet). */
  pollIntervalMs?: number | undefined;
  maxPollIntervalMs?: number | undefined;
  /** Called after each event with the cursor to resume from; persist it to survive restarts. */
  onCursor?: ((cursor: string | undefined) => void) | undefined;
}

/**
 * Mode 1: tails the event feed (`GET /events`, oldest first) and hands every visitor message to the
 * bot. Needs only `events.read`: no public URL, works behind a firewall, resumes from a cursor.
 */
export async function tailEventFeed(opencom: Opencom, bot: ClaimBot, options: EventFeedOptions = {}) {
  const stream = opencom.events.stream({
    after: options.after ?? 'now',
    types: ['message.created'],
    signal: options.signal,
    pollIntervalMs: options.pollIntervalMs,
    maxPollIntervalMs: options.maxPollIntervalMs,
  });
  for await (const event of stream) {
    const message = visitorMessageOf(event);
    if (message !== null) bot.notify(message);
    options.onCursor?.(stream.cursor);
  }
}
