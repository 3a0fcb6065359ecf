import { useState } from 'preact/hooks';
import { control, unwrap } from '../api/control';
import type { CredentialWithSecret } from '../api/types';
import { CheckboxGroup } from '../components/checkbox-group';
import { ErrorMessage } from '../components/error-message';
import { fromLocalInput } from '../format';
import { useAction } from '../hooks/use-action';
import { SCOPES } from '../spec-lists';

type Scope = (typeof SCOPES)[number];

/** Creates a credential through the control API; the caller shows its secret once. */
export function CredentialForm({
  workspaceId,
  onCreated,
}: {
  workspaceId: string;
  onCreated(credential: CredentialWithSecret): void;
}) {
  const [name, setName] = useState('');
  const [actorName, setActorName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>([]);
  const [expires, setExpires] = useState('');
  const action = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    const expiresAt = fromLocalInput(expires);
    const created = await action.run(
      async () =>
        unwrap(
          await control.POST('/__control/credentials', {
            body: { workspaceId, name, actorName, scopes, ...(expiresAt === null ? {} : { expiresAt }) },
          }),
        ),
      (credential) => `Created credential "${credential.name}" (${credential.id}).`,
    );
    if (created) {
      setName('');
      setActorName('');
      setScopes([]);
      setExpires('');
      onCreated(created);
    }
  };

  return (
    <form class="card" onSubmit={submit} aria-labelledby="create-credential">
      <h2 id="create-credential">Create a credential</h2>
      <div class="fields">
        <label>
          Name
          <input required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          Actor name <span class="hint">(shown as claim holder and message sender)</span>
          <input
            required
            maxLength={64}
            value={actorName}
            onInput={(e) => setActorName(e.currentTarget.value)}
          />
        </label>
        <label>
          Expires <span class="hint">(optional, your local time)</span>
          <input type="datetime-local" value={expires} onInput={(e) => setExpires(e.currentTarget.value)} />
        </label>
      </div>
      <CheckboxGroup
        legend="Scopes"
        hint="Scopes cannot be changed later: create a new key instead."
        options={SCOPES}
        selected={scopes}
        onChange={setScopes}
      />
      <button type="submit" disabled={action.busy || scopes.length === 0}>
        Create credential
      </button>
      {scopes.length === 0 && <span class="hint"> Pick at least one scope.</span>}
      <ErrorMessage failure={action.failure} />
    </form>
  );
}
