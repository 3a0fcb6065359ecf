import type { Attempt } from '../api/types';
import { ErrorMessage } from '../components/error-message';
import { JsonView } from '../components/json-view';
import { ListTable } from '../components/list-table';
import { StatusText } from '../components/status-text';
import { TimeText } from '../components/time-text';
import { useApp } from '../context';
import { useAction } from '../hooks/use-action';
import { usePoll } from '../hooks/use-poll';

function AttemptRow({ attempt }: { attempt: Attempt }) {
  return (
    <tr>
      <th scope="row">{attempt.attemptNumber}</th>
      <td>
        <TimeText ms={attempt.startedAt} />
      </td>
      <td>
        <StatusText status={attempt.outcome} />
      </td>
      <td>{attempt.httpStatus ?? <span class="muted">no response</span>}</td>
      <td>{attempt.error ?? <span class="muted">—</span>}</td>
      <td>{attempt.durationMs} ms</td>
      <td>
        {attempt.retryAfterSeconds === null ? <span class="muted">—</span> : `${attempt.retryAfterSeconds} s`}
      </td>
      <td>
        {attempt.responseBodyExcerpt === null ? (
          <span class="muted">empty</span>
        ) : (
          <code class="excerpt">{attempt.responseBodyExcerpt}</code>
        )}
      </td>
    </tr>
  );
}

/** One delivery: every attempt, the event it carries, what it replays and its replays. */
export function DeliveryDetail({
  id,
  subscriptionUrl,
  onReplayed,
}: {
  id: string;
  subscriptionUrl(webhookId: string): string;
  onReplayed(): void;
}) {
  const { opencom } = useApp();
  const action = useAction();
  const detail = usePoll(
    async (signal) => {
      const delivery = await opencom.webhooks.deliveries.get(id, { signal });
      // The event's deliveries include this one's replays (and deliveries to other subscriptions).
      const related = await opencom.webhooks.deliveries.list(
        { eventId: delivery.eventId, limit: 100 },
        { signal },
      );
      return { delivery, replays: related.data.filter((d) => d.replayOf === id) };
    },
    [id],
  );
  const delivery = detail.data?.delivery;

  const replay = async () => {
    await action.run(
      () => opencom.webhooks.deliveries.replay(id),
      (created) => `Replayed ${id} as ${created.id}.`,
    );
    detail.refresh();
    onReplayed();
  };

  return (
    <section class="card detail" aria-labelledby="delivery-heading">
      <h2 id="delivery-heading">Delivery {id}</h2>
      <p>
        <a href="#/deliveries">Back to the delivery log</a>
      </p>
      <ErrorMessage failure={action.failure ?? detail.failure} />
      {delivery && (
        <>
          <dl class="facts">
            <dt>Status</dt>
            <dd>
              <StatusText status={delivery.status} /> ({delivery.attemptCount} of {delivery.maxAttempts}{' '}
              attempts)
            </dd>
            <dt>Event</dt>
            <dd>
              {delivery.eventType} <span class="muted">{delivery.eventId}</span>
            </dd>
            <dt>Subscription</dt>
            <dd>{subscriptionUrl(delivery.webhookId)}</dd>
            <dt>Created</dt>
            <dd>
              <TimeText ms={delivery.createdAt} />
            </dd>
            <dt>Next retry</dt>
            <dd>
              <TimeText ms={delivery.nextAttemptAt} empty="none" />
            </dd>
            <dt>Completed</dt>
            <dd>
              <TimeText ms={delivery.completedAt} empty="not yet" />
            </dd>
            <dt>Replay of</dt>
            <dd>
              {delivery.replayOf === null ? (
                <span class="muted">— (sent for the event itself)</span>
              ) : (
                <a href={`#/deliveries/${delivery.replayOf}`}>{delivery.replayOf}</a>
              )}
            </dd>
            <dt>Replays</dt>
            <dd>
              {detail.data?.replays.length === 0 ? (
                <span class="muted">none</span>
              ) : (
                <ul class="plain">
                  {detail.data?.replays.map((r) => (
                    <li key={r.id}>
                      <a href={`#/deliveries/${r.id}`}>{r.id}</a> <StatusText status={r.status} />
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
          <button type="button" disabled={action.busy} onClick={replay}>
            Replay<span class="visually-hidden"> {id}</span>
          </button>
          <ListTable
            caption={`Attempts of ${id}`}
            columns={[
              '#',
              'Started',
              'Outcome',
              'HTTP status',
              'Error',
              'Duration',
              'Retry-After',
              'Response (first 1 KiB)',
            ]}
            empty={delivery.attempts.length === 0 ? 'No attempt yet.' : null}
          >
            {delivery.attempts.map((attempt) => (
              <AttemptRow key={attempt.attemptNumber} attempt={attempt} />
            ))}
          </ListTable>
          <details>
            <summary>Event payload ({delivery.eventType})</summary>
            <JsonView value={delivery.event} label={`Payload of event ${delivery.eventId}`} />
          </details>
        </>
      )}
    </section>
  );
}
