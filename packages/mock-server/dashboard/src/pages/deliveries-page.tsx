import { useState } from 'preact/hooks';
import type { Delivery, Webhook } from '../api/types';
import { ErrorMessage } from '../components/error-message';
import { FilterBar, FilterSelect } from '../components/filter-bar';
import { ListTable } from '../components/list-table';
import { PageHeading } from '../components/page-heading';
import { StatusText } from '../components/status-text';
import { TimeText } from '../components/time-text';
import { useApp } from '../context';
import { useAction } from '../hooks/use-action';
import { usePoll } from '../hooks/use-poll';
import { DELIVERY_STATUSES } from '../spec-lists';
import { DeliveryDetail } from './delivery-detail';
import { ReplayFailedForm } from './replay-failed-form';

type StatusFilter = '' | Delivery['status'];

function LastAttempt({ delivery }: { delivery: Delivery }) {
  const attempt = delivery.lastAttempt;
  if (attempt === null) return <span class="muted">none yet</span>;
  const answer =
    attempt.httpStatus === null ? (attempt.error ?? 'no response') : `HTTP ${attempt.httpStatus}`;
  return (
    <span>
      {answer}, {attempt.durationMs} ms
    </span>
  );
}

/** The delivery log: every delivery with its latest attempt, filters, replay, and one delivery in detail. */
export function DeliveriesPage({
  selected,
  initialWebhookId,
}: {
  selected: string | undefined;
  initialWebhookId: string;
}) {
  const { opencom } = useApp();
  const [status, setStatus] = useState<StatusFilter>('');
  const [webhookId, setWebhookId] = useState(initialWebhookId);
  const action = useAction();
  // Only for names and the filter: loaded once, not on every refresh (the rate limit is the workspace's).
  const subscriptions = usePoll(
    async (signal) => (await opencom.webhooks.list({ limit: 100 }, { signal })).data,
    [],
    { auto: false },
  );
  const list = usePoll(
    async (signal) =>
      (
        await opencom.webhooks.deliveries.list(
          { limit: 100, ...(status === '' ? {} : { status }), ...(webhookId === '' ? {} : { webhookId }) },
          { signal },
        )
      ).data,
    [status, webhookId],
  );
  const byId = new Map<string, Webhook>((subscriptions.data ?? []).map((s) => [s.id, s]));
  const subscriptionUrl = (id: string) => byId.get(id)?.url ?? `${id} (deleted)`;
  const replay = async (delivery: Delivery) => {
    await action.run(
      () => opencom.webhooks.deliveries.replay(delivery.id),
      (created) => `Replayed ${delivery.id} as ${created.id}.`,
    );
    list.refresh();
  };

  return (
    <main id="main">
      <PageHeading
        title="Delivery log"
        onRefresh={list.refresh}
        intro="Every delivery of an event to a subscription, newest first, with its latest attempt. Open one for all its attempts. A replay sends the same event again as a new delivery, linked to the one it replays."
      />
      {selected && (
        <DeliveryDetail
          key={selected}
          id={selected}
          subscriptionUrl={subscriptionUrl}
          onReplayed={list.refresh}
        />
      )}
      <ErrorMessage failure={action.failure ?? list.failure ?? subscriptions.failure} />
      <FilterBar
        label="Filter deliveries"
        active={status !== '' || webhookId !== ''}
        clearLabel="Clear filters"
        onClear={() => {
          setStatus('');
          setWebhookId('');
        }}
      >
        <FilterSelect
          label="Status"
          value={status}
          anyLabel="any"
          options={DELIVERY_STATUSES}
          onChange={setStatus}
        />{' '}
        <FilterSelect
          label="Subscription"
          value={webhookId}
          anyLabel="any"
          options={(subscriptions.data ?? []).map((s) => s.id)}
          labelOf={(id) => `${subscriptionUrl(id)} (${id})`}
          onChange={setWebhookId}
        />{' '}
      </FilterBar>
      <ListTable
        caption="Deliveries"
        loading={list.loading}
        columns={[
          'Delivery',
          'Event',
          'Subscription',
          'Status',
          'Attempts',
          'Last attempt',
          'Next retry',
          'Created',
          'Replay of',
          'Actions',
        ]}
        empty={list.data?.length === 0 ? 'No deliveries match.' : null}
      >
        {list.data?.map((delivery) => (
          <tr key={delivery.id} aria-current={delivery.id === selected ? 'true' : undefined}>
            <th scope="row">
              <a href={`#/deliveries/${delivery.id}`}>{delivery.id}</a>
            </th>
            <td>{delivery.eventType}</td>
            <td class="url">{subscriptionUrl(delivery.webhookId)}</td>
            <td>
              <StatusText status={delivery.status} />
            </td>
            <td>
              {delivery.attemptCount} of {delivery.maxAttempts}
            </td>
            <td>
              <LastAttempt delivery={delivery} />
            </td>
            <td>
              <TimeText ms={delivery.nextAttemptAt} empty="none" />
            </td>
            <td>
              <TimeText ms={delivery.createdAt} />
            </td>
            <td>
              {delivery.replayOf === null ? (
                <span class="muted">—</span>
              ) : (
                <a href={`#/deliveries/${delivery.replayOf}`}>{delivery.replayOf}</a>
              )}
            </td>
            <td>
              <button type="button" disabled={action.busy} onClick={() => replay(delivery)}>
                Replay<span class="visually-hidden"> {delivery.id}</span>
              </button>
            </td>
          </tr>
        ))}
      </ListTable>
      <ReplayFailedForm subscriptions={subscriptions.data ?? []} onReplayed={list.refresh} />
    </main>
  );
}
