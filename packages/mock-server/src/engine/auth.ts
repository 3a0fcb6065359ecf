import * as crypto from 'node:crypto';
import { ApiProblem } from './http/problem';
import type { CredentialRow, Store, WorkspaceRow } from './store/store';

const API_KEY = /^osk_[A-Za-z0-9]{48}$/;

// One-shot `crypto.hash` (Node >= 20.12) costs a third of a Hash object; older Node 20 lacks it.
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

export function hashSecret(secret: string): string {
  return sha256Hex(secret);
}

const unauthenticated = (detail: string) =>
  new ApiProblem(
    401,
    'unauthenticated',
    'Missing or invalid API key',
    detail,
    {},
    {
      'WWW-Authenticate': 'Bearer realm="opencom"',
    },
  );

/**
 * Resolves `Authorization: Bearer osk_…` to a credential, in the seed system's order: header, format,
 * hash lookup, status, expiry. Only the SHA-256 of a key is ever compared or stored.
 */
export function authenticate(
  store: Store,
  header: string | null,
  now: number,
): { credential: CredentialRow; workspace: WorkspaceRow } {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) return failWith(unauthenticated('Send Authorization: Bearer osk_<48 letters and digits>.'));
  const secret = match[1] as string;
  if (!API_KEY.test(secret))
    return failWith(unauthenticated('API keys look like osk_ followed by 48 letters and digits.'));
  const entry = store.secretHashes.get(hashSecret(secret));
  const credential = entry ? store.credentials.get(entry.credentialId) : undefined;
  const workspace = credential ? store.workspaces.get(credential.workspaceId) : undefined;
  if (!entry || !credential || !workspace)
    return failWith(unauthenticated('No credential has this API key.'));
  if (!entry.current) {
    throw new ApiProblem(
      401,
      'credential_rotated',
      'API key was rotated',
      `This key of credential ${credential.id} was replaced by a rotation; use the new key.`,
    );
  }
  if (credential.status === 'disabled') {
    throw new ApiProblem(
      403,
      'credential_disabled',
      'API key is disabled',
      `Credential ${credential.id} is disabled.`,
    );
  }
  if (credential.expiresAt !== null && credential.expiresAt <= now) {
    throw new ApiProblem(
      403,
      'credential_expired',
      'API key has expired',
      `Credential ${credential.id} expired at ${new Date(credential.expiresAt).toISOString()}.`,
    );
  }
  return { credential, workspace };
}

/** 403 `insufficient_scope` unless the credential holds `scope` (`none` needs only a valid key). */
export function requireScope(credential: CredentialRow, scope: string): void {
  if (scope === 'none' || (credential.scopes as string[]).includes(scope)) return;
  throw new ApiProblem(
    403,
    'insufficient_scope',
    'Insufficient scope',
    `This operation requires the ${scope} scope.`,
    { requiredScope: scope },
  );
}

function failWith(problem: ApiProblem): never {
  throw problem;
}
