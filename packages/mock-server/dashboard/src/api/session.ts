import { Opencom } from '@opencom/sdk';
import { SCOPES } from '../spec-lists';
import { control, unwrap } from './control';
import type { CredentialWithSecret, Workspace } from './types';

/** The key this tab uses for the public API, and the workspace it belongs to. */
export interface Session {
  workspaceId: string;
  workspaceName: string;
  credentialId: string;
  credentialName: string;
  /** `osk_…`: kept in this tab's sessionStorage only, never shown on the page. */
  apiKey: string;
}

// sessionStorage: per tab and per origin (so per server port), gone when the tab closes.
const STORAGE_KEY = 'opencom-dashboard:session';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw === null ? null : (JSON.parse(raw) as Session);
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function forgetSession(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** The SDK client of a session, on the page's origin. */
export function clientFor(session: Session): Opencom {
  // One retry: a person is waiting, and the SDK would otherwise sit out a long Retry-After.
  return new Opencom({ apiKey: session.apiKey, baseUrl: location.origin, maxRetries: 1, timeoutMs: 15_000 });
}

function sessionOf(workspace: Pick<Workspace, 'id' | 'name'>, credential: CredentialWithSecret): Session {
  return {
    workspaceId: workspace.id,
    workspaceName: workspace.name,
    credentialId: credential.id,
    credentialName: credential.name,
    apiKey: credential.secret,
  };
}

/** Creates a credential named "Dashboard" with every scope in `workspace`, through the control API. */
export async function connectWithNewKey(workspace: Workspace): Promise<Session> {
  const credential = unwrap(
    await control.POST('/__control/credentials', {
      body: { workspaceId: workspace.id, name: 'Dashboard', actorName: 'dashboard', scopes: [...SCOPES] },
    }),
  );
  return sessionOf(workspace, credential);
}

/** Seeds a workspace (`demo` or `empty`) and uses the all-scopes key the seed returns. */
export async function connectWithSeed(preset: 'demo' | 'empty'): Promise<Session> {
  const seeded = unwrap(await control.POST('/__control/seed', { body: { preset } }));
  return sessionOf(seeded.workspace, seeded.credential);
}

/** Uses a key the person already has: `GET /me` says which workspace it belongs to. */
export async function connectWithKey(apiKey: string): Promise<Session> {
  const me = await new Opencom({ apiKey, baseUrl: location.origin, maxRetries: 0 }).me.get();
  return {
    workspaceId: me.workspace.id,
    workspaceName: me.workspace.name,
    credentialId: me.credentialId,
    credentialName: me.name,
    apiKey,
  };
}
