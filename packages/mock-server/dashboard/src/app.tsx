import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { isKeyLost } from './api/failure';
import { clientFor, forgetSession, loadSession, type Session, saveSession } from './api/session';
import { type AppContext, App as AppContextProvider } from './context';
import { useHashRoute } from './hooks/use-hash-route';
import { useServerClock } from './hooks/use-server-clock';
import { ConnectPage } from './pages/connect-page';
import { ConversationsPage } from './pages/conversations-page';
import { CredentialsPage } from './pages/credentials-page';
import { DeliveriesPage } from './pages/deliveries-page';
import { EventsPage } from './pages/events-page';
import { WebhooksPage } from './pages/webhooks-page';
import { Shell } from './shell';

const REFRESH_KEY = 'opencom-dashboard:refresh-ms';
/** Every 10 s by default: about 6 requests a minute per list, well inside the 60 a key may make. */
const DEFAULT_REFRESH_MS = 10_000;

function Page({ route }: { route: ReturnType<typeof useHashRoute> }) {
  const [name, id] = route.path;
  switch (name) {
    case 'webhooks':
      return <WebhooksPage />;
    case 'deliveries':
      return (
        <DeliveriesPage
          key={route.query.toString()}
          selected={id}
          initialWebhookId={route.query.get('webhookId') ?? ''}
        />
      );
    case 'events':
      return <EventsPage />;
    case 'conversations':
      return <ConversationsPage />;
    default:
      return <CredentialsPage />;
  }
}

/** The dashboard: the connect page until this tab has a key, then the pages. */
export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [notice, setNotice] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [refreshMs, setRefreshMs] = useState(() =>
    Number(sessionStorage.getItem(REFRESH_KEY) ?? DEFAULT_REFRESH_MS),
  );
  const route = useHashRoute();
  const serverNow = useServerClock();
  const page = route.path[0] ?? 'credentials';
  // What the status line said belongs to the page it was said on: cleared when another opens.
  useEffect(() => setAnnouncement(''), [page]);

  const connect = useCallback((next: Session) => {
    saveSession(next);
    setNotice(null);
    setSession(next);
  }, []);
  const disconnect = useCallback((reason: string | null) => {
    forgetSession();
    setNotice(reason);
    setSession(null);
  }, []);
  const handleKeyLoss = useCallback(
    (error: unknown) => {
      if (!isKeyLost(error)) return false;
      const code = (error as { code?: string }).code ?? 'unauthenticated';
      disconnect(`The dashboard's key stopped working (${code}): connect again.`);
      return true;
    },
    [disconnect],
  );
  const opencom = useMemo(() => (session ? clientFor(session) : null), [session]);
  const context = useMemo<AppContext | null>(
    () =>
      session && opencom
        ? {
            session,
            opencom,
            refreshMs,
            serverNow,
            announce: setAnnouncement,
            replaceSession: connect,
            handleKeyLoss,
          }
        : null,
    [session, opencom, refreshMs, serverNow, connect, handleKeyLoss],
  );

  if (context === null) return <ConnectPage notice={notice} onConnected={connect} />;
  return (
    <AppContextProvider.Provider value={context}>
      <Shell
        route={page}
        refreshMs={refreshMs}
        onRefreshMs={(ms) => {
          sessionStorage.setItem(REFRESH_KEY, String(ms));
          setRefreshMs(ms);
        }}
        onDisconnect={() => disconnect(null)}
        announcement={announcement}
      >
        <Page route={route} />
      </Shell>
    </AppContextProvider.Provider>
  );
}
