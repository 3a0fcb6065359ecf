import type { Opencom } from '@opencom/sdk';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Session } from './api/session';

/** What every page of a connected dashboard shares. */
export interface AppContext {
  session: Session;
  opencom: Opencom;
  /** Auto-refresh interval of lists, in ms; 0 is off. */
  refreshMs: number;
  /** The server clock's time now (the control API's clock, which tests and `clock/advance` move). */
  serverNow(): number;
  /** Says something in the page's status line (a polite live region). */
  announce(message: string): void;
  /** The session after its key was rotated from the credentials page. */
  replaceSession(session: Session): void;
  /** Disconnects when `error` says the key stopped working; true if it did. */
  handleKeyLoss(error: unknown): boolean;
}

export const App = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const app = useContext(App);
  if (app === null) throw new Error('useApp() outside a connected dashboard');
  return app;
}
