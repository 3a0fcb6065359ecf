import { useState } from 'preact/hooks';
import { control, unwrap } from '../api/control';
import type { Credential, CredentialWithSecret } from '../api/types';
import { ConfirmButton } from '../components/confirm-button';
import { ErrorMessage } from '../components/error-message';
import { ListTable } from '../components/list-table';
import { PageHeading } from '../components/page-heading';
import { SecretReveal } from '../components/secret-reveal';
import { StatusText } from '../components/status-text';
import { TimeText } from '../components/time-text';
import { useApp } from '../context';
import { useAction } from '../hooks/use-action';
import { usePoll } from '../hooks/use-poll';
import { CredentialForm } from './credential-form';

type Verb = 'rotate' | 'disable' | 'enable' | 'expire';
const PAST: Record<Verb, string> = {
  rotate: 'Rotated',
  disable: 'Disabled',
  enable: 'Enabled',
  expire: 'Expired',
};

async function credentialAction(
  verb: Verb,
  credentialId: string,
): Promise<Credential | CredentialWithSecret> {
  const init = { params: { path: { credentialId } } };
  switch (verb) {
    case 'rotate':
      return unwrap(await control.POST('/__control/credentials/{credentialId}/rotate', init));
    case 'disable':
      return unwrap(await control.POST('/__control/credentials/{credentialId}/disable', init));
    case 'enable':
      return unwrap(await control.POST('/__control/credentials/{credentialId}/enable', init));
    case 'expire':
      return unwrap(await control.POST('/__control/credentials/{credentialId}/expire', init));
  }
}

/** The workspace's API keys, through the control API: create, rotate, disable, enable, expire. */
export function CredentialsPage() {
  const app = useApp();
  const { workspaceId, credentialId: ownId } = app.session;
  const [revealed, setRevealed] = useState<CredentialWithSecret | null>(null);
  const action = useAction();
  const list = usePoll(
    async () =>
      unwrap(await control.GET('/__control/credentials', { params: { query: { workspaceId, limit: 100 } } }))
        .data,
    [workspaceId],
  );

  const act = async (credential: Credential, verb: Verb) => {
    const result = await action.run(
      () => credentialAction(verb, credential.id),
      () => `${PAST[verb]} credential "${credential.name}".`,
    );
    if (result && 'secret' in result) {
      // Rotating the dashboard's own key: keep using it with the new secret.
      if (credential.id === ownId) app.replaceSession({ ...app.session, apiKey: result.secret });
      setRevealed(result);
    }
    list.refresh();
  };

  const now = app.serverNow();
  return (
    <main id="main">
      <PageHeading
        title="Credentials"
        onRefresh={list.refresh}
        intro="API keys of this workspace. A secret is shown once, when the key is created or rotated; the server keeps only its hash."
      />
      {revealed && (
        <SecretReveal
          label={`API key of "${revealed.name}"`}
          kind="key"
          secret={revealed.secret}
          onDone={() => setRevealed(null)}
        />
      )}
      <ErrorMessage failure={action.failure ?? list.failure} />
      <ListTable
        caption="Credentials"
        loading={list.loading}
        columns={['Name', 'Actor', 'Scopes', 'Status', 'Expires', 'Last used', 'Key prefix', 'Actions']}
        empty={null}
      >
        {list.data?.map((credential) => {
          const expired = credential.expiresAt !== null && credential.expiresAt <= now;
          return (
            <tr key={credential.id}>
              <th scope="row">
                {credential.name}
                {credential.id === ownId && <span class="tag"> (this dashboard)</span>}
                <div class="muted">{credential.id}</div>
              </th>
              <td>{credential.actorName}</td>
              <td>
                <details>
                  <summary>
                    {credential.scopes.length} scope{credential.scopes.length === 1 ? '' : 's'}
                  </summary>
                  <ul class="plain">
                    {credential.scopes.map((scope) => (
                      <li key={scope}>{scope}</li>
                    ))}
                  </ul>
                </details>
              </td>
              <td>
                <StatusText status={expired ? 'expired' : credential.status} />
              </td>
              <td>
                <TimeText ms={credential.expiresAt} empty="never" />
              </td>
              <td>
                <TimeText ms={credential.lastUsedAt} empty="never" />
              </td>
              <td>
                <code>{credential.secretPrefix}…</code>
              </td>
              <td>
                <div class="actions">
                  <button type="button" disabled={action.busy} onClick={() => act(credential, 'rotate')}>
                    Rotate<span class="visually-hidden"> {credential.name}</span>
                  </button>
                  {credential.status === 'active' ? (
                    <button type="button" disabled={action.busy} onClick={() => act(credential, 'disable')}>
                      Disable<span class="visually-hidden"> {credential.name}</span>
                    </button>
                  ) : (
                    <button type="button" disabled={action.busy} onClick={() => act(credential, 'enable')}>
                      Enable<span class="visually-hidden"> {credential.name}</span>
                    </button>
                  )}
                  {!expired && (
                    <ConfirmButton
                      label="Expire"
                      target={credential.name}
                      confirmLabel={`Yes, expire "${credential.name}" now`}
                      disabled={action.busy}
                      onConfirm={() => act(credential, 'expire')}
                    />
                  )}
                </div>
              </td>
            </tr>
          );
        })}
      </ListTable>
      <CredentialForm
        workspaceId={workspaceId}
        onCreated={(credential) => {
          setRevealed(credential);
          list.refresh();
        }}
      />
    </main>
  );
}
