import type { OpencomEvent } from '@opencom/sdk';
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeFailure, type Failure } from '../api/failure';
import { ErrorMessage } from '../components/error-message';
import { FilterBar, FilterSelect } from '../components/filter-bar';
import { JsonView } from '../components/json-view';
import { PageHeading } from '../components/page-heading';
import { TimeText } from '../components/time-text';
import { useApp } from '../context';
import { EVENT_TYPES } from '../spec-lists';

/** The newest events kept on the page; older ones are still in the feed (`GET /events`). */
const KEEP = 200;

/**
 * The live event stream: `opencom.events.stream` in the browser, which reads the feed forward and
 * polls at its head (every second, backing off to 8 s while nothing happens). Newest first.
 */
export function EventsPage() {
  const { opencom, handleKeyLoss } = useApp();
  const [type, setType] = useState<(typeof EVENT_TYPES)[number] | ''>('');
  const [following, setFollowing] = useState(true);
  const [events, setEvents] = useState<OpencomEvent[]>([]);
  const [failure, setFailure] = useState<Failure | null>(null);
  // Where the stream stopped, so pausing and resuming neither skips nor repeats events.
  const cursor = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (!following) return;
    const controller = new AbortController();
    const stream = opencom.events.stream({
      after: cursor.current,
      types: type === '' ? undefined : [type],
      limit: 100,
      signal: controller.signal,
      pollIntervalMs: 1_000,
      maxPollIntervalMs: 8_000,
    });
    setFailure(null);
    (async () => {
      try {
        for await (const event of stream) {
          cursor.current = stream.cursor;
          setEvents((shown) => [event, ...shown].slice(0, KEEP));
        }
      } catch (error) {
        if (controller.signal.aborted || handleKeyLoss(error)) return;
        setFailure(describeFailure(error));
        setFollowing(false);
      }
    })();
    return () => controller.abort();
  }, [type, following, opencom, handleKeyLoss]);

  const changeType = (next: typeof type) => {
    // Another filter is another feed: read it from its start.
    cursor.current = undefined;
    setEvents([]);
    setType(next);
  };

  return (
    <main id="main">
      <PageHeading
        title="Event stream"
        intro={`Events of this workspace as they happen, newest first (the last ${KEEP}). Open one to see its payload: the same envelope webhooks receive.`}
      />
      <FilterBar label="Filter events" active={type !== ''} onClear={() => changeType('')}>
        <FilterSelect
          label="Event type"
          value={type}
          anyLabel="every type"
          options={EVENT_TYPES}
          onChange={changeType}
        />{' '}
      </FilterBar>
      <p class="hint">
        {following ? 'Following the feed.' : 'Paused.'} {events.length} event{events.length === 1 ? '' : 's'}{' '}
        shown.{' '}
        <button type="button" onClick={() => setFollowing(!following)}>
          {following ? 'Pause' : 'Resume'} the stream
        </button>
      </p>
      <ErrorMessage failure={failure} />
      <ol class="events" aria-label="Events, newest first">
        {events.map((event) => (
          <li key={event.id}>
            <details>
              <summary>
                <span class="event-type">{event.type}</span> {event.resource.type} {event.resource.id}{' '}
                <span class="muted">
                  <TimeText ms={event.createdAt} /> · {event.id}
                </span>
              </summary>
              <JsonView value={event} label={`Payload of event ${event.id}`} />
            </details>
          </li>
        ))}
      </ol>
    </main>
  );
}
