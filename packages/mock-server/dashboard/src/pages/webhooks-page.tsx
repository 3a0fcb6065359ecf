import { useState } from 'preact/hooks';
import type { Webhook } from '../api/types';
import { ConfirmButton } from '../components/confirm-button';
import { ErrorMessage } from '../components/error-message';
import { FilterBar, FilterSelect } from '../components/filter-bar';
import { ListTable } from '../components/list-table';
import { PageHeading } from '../components/page-heading';
import { SecretReveal } from '../components/secret-reveal';
import { StatusText } from '../components/status-text';
import { useApp } from '../context';
import { describeFilter, formatTime } from '../format';
import { useAction } from '../hooks/use-action';
import { usePoll } from '../hooks/use-poll';
import { WebhookCreateForm } from './webhook-create-form';
import { WebhookEditForm } from './webhook-edit-form';

type StatusFilter = '' | Webhook['status'];

const WEBHOOK_STATUSES: readonly Webhook['status'][] = ['active', 'paused', 'disabled'];

interface Revealed {
  label: string;
  kind: 'signing secret';
  secret: string;
  note?: string;
}

/** Webhook subscriptions: create, pause / resume, test, rotate the secret, edit or clear filters, delete. */
export function WebhooksPage() {
  const { opencom } = useApp();
  const [status, setStatus] = useState<StatusFilter>('');
  const [editing, setEditing] = useState<Webhook | null>(null);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [lastTest, setLastTest] = useState<string | null>(null);
  const action = useAction();
  const list = usePoll(
    async (signal) =>
      (await opencom.webhooks.list({ limit: 100, ...(status === '' ? {} : { status }) }, { signal })).data,
    [status],
  );

  const run = async <T,>(task: () => Promise<T>, done: (result: T) => string) => {
    const result = await action.run(task, done);
    list.refresh();
    return result;
  };
  const setActive = (subscription: Webhook, active: boolean) =>
    run(
      () => opencom.webhooks.update(subscription.id, { status: active ? 'active' : 'paused' }),
      () => `${active ? 'Resumed' : 'Paused'} ${subscription.url}.`,
    );
  const sendTest = async (subscription: Webhook) => {
    const delivery = await run(
      () => opencom.webhooks.test(subscription.id),
      (queued) => `Test delivery ${queued.id} queued for ${subscription.url}.`,
    );
    if (delivery) setLastTest(delivery.id);
  };
  const rotate = async (subscription: Webhook) => {
    const rotated = await run(
      () => opencom.webhooks.rotateSecret(subscription.id, {}),
      () => `Rotated the signing secret of ${subscription.url}.`,
    );
    if (rotated) {
      setRevealed({
        label: `New signing secret of ${rotated.url}`,
        kind: 'signing secret',
        secret: rotated.secret,
        note: `The previous secret keeps signing alongside it until ${formatTime(rotated.previousSecretExpiresAt)}.`,
      });
    }
  };

  return (
    <main id="main">
      <PageHeading
        title="Webhooks"
        onRefresh={list.refresh}
        intro="Subscriptions POST matching events to a URL, signed the Standard Webhooks way. The delivery log shows every attempt."
      />
      {revealed && <SecretReveal {...revealed} onDone={() => setRevealed(null)} />}
      {lastTest && (
        <p class="notice">
          Test delivery <a href={`#/deliveries/${lastTest}`}>{lastTest}</a> queued: open it to follow its
          attempts.
        </p>
      )}
      <ErrorMessage failure={action.failure ?? list.failure} />
      <FilterBar label="Filter subscriptions" active={status !== ''} onClear={() => setStatus('')}>
        <FilterSelect
          label="Status"
          value={status}
          anyLabel="any"
          options={WEBHOOK_STATUSES}
          onChange={setStatus}
        />{' '}
      </FilterBar>
      <ListTable
        caption="Subscriptions"
        loading={list.loading}
        columns={['URL', 'Filters', 'Status', 'Secret', 'Actions']}
        empty={
          list.data?.length === 0 ? `No subscriptions${status === '' ? '' : ` with status ${status}`}.` : null
        }
      >
        {list.data?.map((subscription) => (
          <tr key={subscription.id}>
            <th scope="row">
              <span class="url">{subscription.url}</span>
              {subscription.description && <div>{subscription.description}</div>}
              <div class="muted">{subscription.id}</div>
            </th>
            <td>
              <dl class="compact">
                <dt>Events</dt>
                <dd>{describeFilter(subscription.eventTypes, 'every type')}</dd>
                <dt>Resources</dt>
                <dd>{describeFilter(subscription.resourceTypes, 'every resource')}</dd>
                <dt>Channels</dt>
                <dd>{describeFilter(subscription.channels, 'every channel')}</dd>
              </dl>
            </td>
            <td>
              <StatusText status={subscription.status} />
              {subscription.disabledReason && <div class="hint">{subscription.disabledReason}</div>}
            </td>
            <td>
              <code>{subscription.secretPrefix}…</code>
            </td>
            <td>
              <div class="actions">
                {subscription.status === 'active' ? (
                  <button type="button" disabled={action.busy} onClick={() => setActive(subscription, false)}>
                    Pause<span class="visually-hidden"> {subscription.url}</span>
                  </button>
                ) : (
                  <button type="button" disabled={action.busy} onClick={() => setActive(subscription, true)}>
                    {subscription.status === 'disabled' ? 'Re-enable' : 'Resume'}
                    <span class="visually-hidden"> {subscription.url}</span>
                  </button>
                )}
                <button type="button" disabled={action.busy} onClick={() => sendTest(subscription)}>
                  Send test<span class="visually-hidden"> to {subscription.url}</span>
                </button>
                <button type="button" disabled={action.busy} onClick={() => rotate(subscription)}>
                  Rotate secret<span class="visually-hidden"> of {subscription.url}</span>
                </button>
                <button type="button" onClick={() => setEditing(subscription)}>
                  Edit filters<span class="visually-hidden"> of {subscription.url}</span>
                </button>
                <a href={`#/deliveries?webhookId=${subscription.id}`}>
                  Deliveries<span class="visually-hidden"> to {subscription.url}</span>
                </a>
                <ConfirmButton
                  label="Delete"
                  target={subscription.url}
                  confirmLabel={`Yes, delete ${subscription.url}`}
                  disabled={action.busy}
                  onConfirm={() =>
                    void run(
                      () => opencom.webhooks.delete(subscription.id),
                      () => `Deleted the subscription to ${subscription.url}.`,
                    )
                  }
                />
              </div>
            </td>
          </tr>
        ))}
      </ListTable>
      {editing && (
        <WebhookEditForm
          key={editing.id}
          subscription={editing}
          onDone={() => {
            setEditing(null);
            list.refresh();
          }}
        />
      )}
      <WebhookCreateForm
        onCreated={(created) => {
          setRevealed({
            label: `Signing secret of ${created.url}`,
            kind: 'signing secret',
            secret: created.secret,
          });
          list.refresh();
        }}
      />
    </main>
  );
}
