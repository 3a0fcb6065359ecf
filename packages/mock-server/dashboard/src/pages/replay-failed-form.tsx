import { useState } from 'preact/hooks';
import type { Webhook } from '../api/types';
import { ErrorMessage } from '../components/error-message';
import { useApp } from '../context';
import { fromLocalInput, toLocalInput } from '../format';
import { useAction } from '../hooks/use-action';

/** `POST /webhook-deliveries/replay`: every failed delivery since a time, to one or every subscription. */
export function ReplayFailedForm({
  subscriptions,
  onReplayed,
}: {
  subscriptions: readonly Webhook[];
  onReplayed(): void;
}) {
  const { opencom, serverNow } = useApp();
  const [since, setSince] = useState(() => toLocalInput(serverNow() - 60 * 60_000));
  const [webhookId, setWebhookId] = useState('');
  const [result, setResult] = useState<{ ids: string[]; hasMore: boolean } | null>(null);
  const action = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    const from = fromLocalInput(since);
    if (from === null) return;
    const replayed = await action.run(
      () =>
        opencom.webhooks.deliveries.replayMany({
          status: 'failed',
          since: from,
          ...(webhookId === '' ? {} : { webhookId }),
        }),
      (r) => `Replayed ${r.replayed} failed deliver${r.replayed === 1 ? 'y' : 'ies'}.`,
    );
    if (replayed) {
      setResult({ ids: replayed.data.map((d) => d.id), hasMore: replayed.hasMore });
      onReplayed();
    }
  };

  return (
    <form class="card" onSubmit={submit} aria-labelledby="replay-failed">
      <h2 id="replay-failed">Replay failed deliveries</h2>
      <div class="fields">
        <label>
          Failed since <span class="hint">(your local time)</span>
          <input
            type="datetime-local"
            required
            value={since}
            onInput={(e) => setSince(e.currentTarget.value)}
          />
        </label>
        <label>
          Subscription
          <select value={webhookId} onChange={(e) => setWebhookId(e.currentTarget.value)}>
            <option value="">every subscription</option>
            {subscriptions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.url} ({s.id})
              </option>
            ))}
          </select>
        </label>
      </div>
      <button type="submit" disabled={action.busy}>
        Replay failed deliveries
      </button>
      {result && (
        <p>
          {result.ids.length === 0 ? 'Nothing to replay.' : `New deliveries: ${result.ids.join(', ')}.`}
          {result.hasMore && ' More failed deliveries remain (100 per call): replay again.'}
        </p>
      )}
      <ErrorMessage failure={action.failure} />
    </form>
  );
}
