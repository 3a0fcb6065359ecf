import type { EventMap, EventType, OpencomEvent } from '@opencom/webhooks';
import type { Clock } from '../core/clock';
import { EventStream, type EventStreamOptions } from '../core/event-stream';
import type { OperationQuery } from '../core/operation-types';
import type { PageBody } from '../core/pagination';
import type { EventsResource } from '../generated/resources';

type FeedQuery = OperationQuery<'listEvents'>;

/** What `opencom.events` adds to the generated feed operations. */
export interface EventStreams {
  /**
   * Follows the event feed forward, oldest first, for as long as the loop runs (or until `signal`
   * aborts). Waits politely at the head of the feed, and exposes `cursor` to resume from.
   *
   * @example
   * const stream = opencom.events.stream({ after: 'now', types: ['conversation.claim_expired'] });
   * for await (const event of stream) console.log(event.type, event.data.conversationId);
   * @see EventStream
   */
  stream<T extends EventType>(
    options: EventStreamOptions & { types: readonly T[] },
  ): EventStream<EventMap[T]>;
  stream(options?: EventStreamOptions): EventStream<OpencomEvent>;
}

/** Builds `opencom.events.stream` over the generated `listEvents`. */
export function createEventStreams(events: EventsResource, clock: Clock): EventStreams {
  function stream<E>(options: EventStreamOptions = {}): EventStream<E> {
    const read = async (after: string | undefined, signal: AbortSignal | undefined): Promise<PageBody<E>> => {
      const query: FeedQuery = {};
      if (after !== undefined) query.after = after;
      if (options.types !== undefined) query.types = [...options.types] as NonNullable<FeedQuery['types']>;
      if (options.resourceTypes !== undefined) {
        query.resourceTypes = [...options.resourceTypes] as NonNullable<FeedQuery['resourceTypes']>;
      }
      if (options.limit !== undefined) query.limit = options.limit;
      const page = await events.list(query, { signal });
      // Feed events are the spec's `Event`; the webhook package's union types them by `type`.
      return { data: page.data as unknown as E[], nextCursor: page.nextCursor, hasMore: page.hasMore };
    };
    return new EventStream<E>(read, clock, options);
  }
  return { stream } as EventStreams;
}
