import { useState } from 'preact/hooks';
import type { Webhook } from '../api/types';
import { ErrorMessage } from '../components/error-message';
import { useApp } from '../context';
import { useAction } from '../hooks/use-action';
import { type Filters, NO_FILTERS, WebhookFilters } from './webhook-filters';

/** Changes a subscription's filters; "Clear all filters" makes it receive every event again. */
export function WebhookEditForm({ subscription, onDone }: { subscription: Webhook; onDone(): void }) {
  const { opencom } = useApp();
  const [filters, setFilters] = useState<Filters>({
    eventTypes: subscription.eventTypes,
    resourceTypes: subscription.resourceTypes,
    channels: subscription.channels,
  });
  const action = useAction();
  const save = async (value: Filters) => {
    const updated = await action.run(
      () => opencom.webhooks.update(subscription.id, value),
      () => `Saved the filters of ${subscription.url}.`,
    );
    if (updated) onDone();
  };

  return (
    <form
      class="card"
      aria-labelledby="edit-webhook"
      onSubmit={(event) => {
        event.preventDefault();
        void save(filters);
      }}
    >
      <h2 id="edit-webhook">Filters of {subscription.url}</h2>
      <WebhookFilters value={filters} onChange={setFilters} />
      <button type="submit" disabled={action.busy}>
        Save filters
      </button>{' '}
      <button type="button" disabled={action.busy} onClick={() => void save(NO_FILTERS)}>
        Clear all filters
      </button>{' '}
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      <ErrorMessage failure={action.failure} />
    </form>
  );
}
