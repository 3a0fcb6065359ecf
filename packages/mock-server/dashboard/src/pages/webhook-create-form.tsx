import { useState } from 'preact/hooks';
import { ErrorMessage } from '../components/error-message';
import { useApp } from '../context';
import { useAction } from '../hooks/use-action';
import { type Filters, NO_FILTERS, WebhookFilters } from './webhook-filters';

type Created = Awaited<ReturnType<ReturnType<typeof useApp>['opencom']['webhooks']['create']>>;

/** Subscribes a URL to the workspace's events; the caller shows the signing secret once. */
export function WebhookCreateForm({ onCreated }: { onCreated(subscription: Created): void }) {
  const { opencom } = useApp();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [paused, setPaused] = useState(false);
  const action = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    const created = await action.run(
      () =>
        opencom.webhooks.create({
          url,
          ...(description === '' ? {} : { description }),
          ...filters,
          status: paused ? 'paused' : 'active',
        }),
      (subscription) => `Created subscription ${subscription.id} to ${subscription.url}.`,
    );
    if (created) {
      setUrl('');
      setDescription('');
      setFilters(NO_FILTERS);
      setPaused(false);
      onCreated(created);
    }
  };

  return (
    <form class="card" onSubmit={submit} aria-labelledby="create-webhook">
      <h2 id="create-webhook">Create a subscription</h2>
      <div class="fields">
        <label>
          URL
          <input
            type="url"
            required
            placeholder="http://127.0.0.1:3000/hooks"
            value={url}
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
        </label>
        <label>
          Description <span class="hint">(optional)</span>
          <input maxLength={500} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
        </label>
      </div>
      <WebhookFilters value={filters} onChange={setFilters} />
      <label class="inline">
        <input type="checkbox" checked={paused} onChange={(e) => setPaused(e.currentTarget.checked)} /> Create
        it paused (set the receiver up before events arrive)
      </label>
      <div>
        <button type="submit" disabled={action.busy}>
          Create subscription
        </button>
      </div>
      <ErrorMessage failure={action.failure} />
    </form>
  );
}
