import type { ComponentChildren } from 'preact';
import { useApp } from './context';
import { formatTime } from './format';
import { useTicker } from './hooks/use-ticker';

const PAGES = [
  ['credentials', 'Credentials'],
  ['webhooks', 'Webhooks'],
  ['deliveries', 'Delivery log'],
  ['events', 'Event stream'],
  ['conversations', 'Conversations'],
] as const;

const REFRESH_CHOICES = [
  [2_000, 'every 2 s'],
  [5_000, 'every 5 s'],
  [10_000, 'every 10 s'],
  [30_000, 'every 30 s'],
  [0, 'off'],
] as const;

interface Props {
  route: string;
  refreshMs: number;
  onRefreshMs(ms: number): void;
  onDisconnect(): void;
  announcement: string;
  children: ComponentChildren;
}

function ServerClock() {
  const { serverNow } = useApp();
  useTicker(1_000);
  return (
    <span>
      Server time <time>{formatTime(serverNow())}</time>
    </span>
  );
}

/** Header (workspace, key, refresh, server time), navigation, the page, and the status line. */
export function Shell({ route, refreshMs, onRefreshMs, onDisconnect, announcement, children }: Props) {
  const { session } = useApp();
  return (
    <>
      <button
        type="button"
        class="skip-link"
        onClick={() => document.querySelector<HTMLElement>('main h1')?.focus()}
      >
        Skip to the page
      </button>
      <header class="site-header">
        <p class="brand">Opencom reference server · Dashboard</p>
        <p class="session">
          Workspace <strong>{session.workspaceName}</strong>{' '}
          <span class="muted">({session.workspaceId})</span> · key <strong>{session.credentialName}</strong>{' '}
          <span class="muted">({session.credentialId}, kept in this tab)</span>
        </p>
        <div class="header-controls">
          <label>
            Auto-refresh{' '}
            <select value={refreshMs} onChange={(e) => onRefreshMs(Number(e.currentTarget.value))}>
              {REFRESH_CHOICES.map(([ms, label]) => (
                <option key={ms} value={ms}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <ServerClock />
          <button type="button" onClick={onDisconnect}>
            Switch workspace or key
          </button>
        </div>
        <nav aria-label="Dashboard pages">
          <ul>
            {PAGES.map(([id, label]) => (
              <li key={id}>
                <a href={`#/${id}`} aria-current={route === id ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {children}
      <footer>
        <p role="status" aria-live="polite" class="announcement">
          {announcement}
        </p>
      </footer>
    </>
  );
}
