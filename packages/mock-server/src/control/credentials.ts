import { randomBytes } from 'node:crypto';
import { hashSecret } from '../engine/auth';
import type { ControlHandler, Engine } from '../engine/engine';
import { created, ok } from '../engine/http/json';
import { ApiProblem } from '../engine/http/problem';
import type { CredentialRow } from '../engine/store/store';
import type { components } from '../generated/control';

type Credential = components['schemas']['Credential'];
type CredentialCreate = components['schemas']['CredentialCreate'];

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `osk_` + 48 letters and digits from the OS's CSPRNG (rejection sampling keeps it uniform). */
function newSecret(): string {
  let secret = 'osk_';
  while (secret.length < 52) {
    for (const byte of randomBytes(64)) {
      if (byte < 248 && secret.length < 52) secret += ALPHANUMERIC[byte % 62];
    }
  }
  return secret;
}

/** The public view of a credential: never the secret or its hash. */
export function toCredential(row: CredentialRow): Credential {
  const { secretHash: _hash, ...credential } = row;
  return credential;
}

function setSecret(engine: Engine, row: CredentialRow, secret: string): void {
  const hash = hashSecret(secret);
  engine.store.secretHashes.set(hash, { credentialId: row.id, current: true });
  row.secretHash = hash;
  row.secretPrefix = secret.slice(0, 8);
}

/** Creates a credential and returns it with its secret, the only time the secret is visible. */
export function issueCredential(engine: Engine, input: CredentialCreate): Credential & { secret: string } {
  if (!engine.store.workspaces.has(input.workspaceId)) throw workspaceNotFound(input.workspaceId);
  const now = engine.clock.now();
  if (input.expiresAt != null && input.expiresAt <= now) {
    throw new ApiProblem(
      400,
      'validation_failed',
      'Request validation failed',
      'expiresAt must be in the future.',
      {
        errors: [{ pointer: '/body/expiresAt', message: 'must be later than the server clock' }],
      },
    );
  }
  const secret = newSecret();
  const row: CredentialRow = {
    id: engine.ids.next('cred'),
    workspaceId: input.workspaceId,
    name: input.name,
    actorName: input.actorName,
    scopes: [...new Set(input.scopes)],
    status: 'active',
    secretPrefix: '',
    secretHash: '',
    expiresAt: input.expiresAt ?? null,
    lastUsedAt: null,
    createdAt: now,
    rotatedAt: null,
  };
  setSecret(engine, row, secret);
  engine.store.credentials.insert(row);
  engine.audit({
    workspaceId: row.workspaceId,
    credentialId: null,
    actorName: null,
    action: 'credential.create',
    target: { type: 'credential', id: row.id },
    requestId: null,
  });
  return { ...toCredential(row), secret };
}

const workspaceNotFound = (id: string) =>
  new ApiProblem(404, 'not_found', 'Workspace not found', `No workspace ${id}.`);

function credentialOr404(engine: Engine, id: unknown): CredentialRow {
  const row = engine.store.credentials.get(String(id));
  if (!row) throw new ApiProblem(404, 'not_found', 'Credential not found', `No credential ${String(id)}.`);
  return row;
}

function change(
  engine: Engine,
  row: CredentialRow,
  action: string,
  requestId: string,
  mutate: (r: CredentialRow) => void,
) {
  engine.store.credentials.update(row, mutate);
  engine.audit({
    workspaceId: row.workspaceId,
    credentialId: null,
    actorName: null,
    action,
    target: { type: 'credential', id: row.id },
    requestId,
  });
  return ok(toCredential(row));
}

export const credentialRoutes: Record<string, ControlHandler> = {
  createCredential: ({ engine, body }) => {
    const credential = issueCredential(engine, body as CredentialCreate);
    return created(credential, `/__control/credentials/${credential.id}`);
  },
  listCredentials: ({ engine, query }) => {
    const workspaceId = query.workspaceId as string | undefined;
    if (workspaceId !== undefined && !engine.store.workspaces.has(workspaceId))
      throw workspaceNotFound(workspaceId);
    const index = engine.store.credentials.index('byWorkspace');
    return ok(
      engine.page(
        {
          list: 'listCredentials',
          index,
          prefix: workspaceId === undefined ? [] : [workspaceId],
          limit: (query.limit as number | undefined) ?? 20,
          cursor: query.cursor as string | undefined,
        },
        toCredential,
      ),
    );
  },
  getCredential: ({ engine, path }) => ok(toCredential(credentialOr404(engine, path.credentialId))),
  rotateCredential: ({ engine, path, requestId }) => {
    const row = credentialOr404(engine, path.credentialId);
    const old = engine.store.secretHashes.get(row.secretHash);
    // Replaced, not mutated in place: the `dataDir` journal records values set on the map.
    if (old) engine.store.secretHashes.set(row.secretHash, { ...old, current: false });
    const secret = newSecret();
    change(engine, row, 'credential.rotate', requestId, (r) => {
      setSecret(engine, r, secret);
      r.rotatedAt = engine.clock.now();
    });
    return ok({ ...toCredential(row), secret });
  },
  disableCredential: ({ engine, path, requestId }) =>
    change(engine, credentialOr404(engine, path.credentialId), 'credential.disable', requestId, (r) => {
      r.status = 'disabled';
    }),
  enableCredential: ({ engine, path, requestId }) =>
    change(engine, credentialOr404(engine, path.credentialId), 'credential.enable', requestId, (r) => {
      r.status = 'active';
    }),
  expireCredential: ({ engine, path, requestId }) =>
    change(engine, credentialOr404(engine, path.credentialId), 'credential.expire', requestId, (r) => {
      const now = engine.clock.now();
      r.expiresAt = r.expiresAt !== null && r.expiresAt <= now ? r.expiresAt : now;
    }),
};
