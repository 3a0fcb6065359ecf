import { useEffect, useState } from 'preact/hooks';
import { control, unwrap } from '../api/control';
import { describeFailure, type Failure } from '../api/failure';
import { connectWithKey, connectWithNewKey, connectWithSeed, type Session } from '../api/session';
import type { Workspace } from '../api/types';
import { ErrorMessage } from '../components/error-message';
import { PageHeading } from '../components/page-heading';

interface Props {
  /** Why the dashboard is disconnected (the saved key stopped working), if it was. */
  notice: string | null;
  onConnected(session: Session): void;
}

/**
 * Before anything else the page needs an `osk_` key for the public API: a new "Dashboard" key in a
 * workspace chosen here (made through the control API), or one the person pastes.
 */
export function ConnectPage({ notice, onConnected }: Props) {
  const [workspaces, setWorkspaces] = useState<Workspace[] | null>(null);
  const [controlOff, setControlOff] = useState(false);
  const [chosen, setChosen] = useState('');
  const [pasted, setPasted] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  useEffect(() => {
    control.GET('/__control/workspaces', { params: { query: { limit: 100 } } }).then(
      (result) => {
        if (result.response.status === 404) return setControlOff(true);
        try {
          const list = unwrap(result).data;
          setWorkspaces(list);
          setChosen(list[0]?.id ?? '');
        } catch (error) {
          setFailure(describeFailure(error));
        }
      },
      (error: unknown) => setFailure(describeFailure(error)),
    );
  }, []);

  const connect = async (task: () => Promise<Session>) => {
    setBusy(true);
    setFailure(null);
    try {
      onConnected(await task());
    } catch (error) {
      setFailure(describeFailure(error));
    } finally {
      setBusy(false);
    }
  };
  const workspace = workspaces?.find((w) => w.id === chosen);

  return (
    <main id="main" class="connect">
      <PageHeading title="Connect the dashboard" />
      {notice && (
        <p class="notice" role="alert">
          {notice}
        </p>
      )}
      <p>
        The dashboard calls the server's public API like any client, so it needs an API key (
        <code>osk_…</code>
        ). It keeps the key in this browser tab only (<code>sessionStorage</code>: gone when the tab closes)
        and never shows it. Its requests update the key's "last used" time and count against the workspace's
        rate limits. Credentials, the clock and simulations use the control API, which needs no key.
      </p>

      <section aria-labelledby="new-key">
        <h2 id="new-key">Open a workspace with a new key</h2>
        {controlOff && (
          <p>
            This server runs without its control API, so the dashboard cannot make a key: paste one below.
          </p>
        )}
        {workspaces === null && !controlOff && failure === null && <p>Loading workspaces…</p>}
        {workspaces !== null && workspaces.length > 0 && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (workspace) void connect(() => connectWithNewKey(workspace));
            }}
          >
            <label>
              Workspace{' '}
              <select value={chosen} onChange={(event) => setChosen(event.currentTarget.value)}>
                {workspaces.map((w) => (
                  <option key={w.id} value={w.id}>
                    {w.name} ({w.id})
                  </option>
                ))}
              </select>
            </label>{' '}
            <button type="submit" disabled={busy || !workspace}>
              Create a "Dashboard" key and open
            </button>
            <p class="hint">
              Creates a credential named "Dashboard" with every scope in that workspace. Each tab that
              connects makes its own; disable or expire old ones on the Credentials page.
            </p>
          </form>
        )}
        {workspaces !== null && workspaces.length === 0 && (
          <div>
            <p>The server has no workspace yet.</p>
            <button type="button" disabled={busy} onClick={() => void connect(() => connectWithSeed('demo'))}>
              Seed a demo workspace
            </button>{' '}
            <button
              type="button"
              disabled={busy}
              onClick={() => void connect(() => connectWithSeed('empty'))}
            >
              Create an empty workspace
            </button>
            <p class="hint">Either comes with an all-scopes key, which the dashboard then uses.</p>
          </div>
        )}
      </section>

      <section aria-labelledby="own-key">
        <h2 id="own-key">Or use a key you have</h2>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void connect(() => connectWithKey(pasted.trim()));
          }}
        >
          <label>
            API key{' '}
            <input
              type="password"
              autoComplete="off"
              placeholder="osk_…"
              value={pasted}
              onInput={(event) => setPasted(event.currentTarget.value)}
            />
          </label>{' '}
          <button type="submit" disabled={busy || pasted.trim() === ''}>
            Use this key
          </button>
          <p class="hint">Pages need the key's scopes: webhooks.manage, events.read, conversations.read.</p>
        </form>
      </section>
      <ErrorMessage failure={failure} />
    </main>
  );
}
