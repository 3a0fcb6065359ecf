import { useState } from 'preact/hooks';
import { control, unwrap } from '../api/control';
import type { Conversation } from '../api/types';
import { ErrorMessage } from '../components/error-message';
import { useApp } from '../context';
import { useAction } from '../hooks/use-action';
import { CHANNELS } from '../spec-lists';

/** The control API's visitor simulation: a new conversation, or a message in an existing one. */
export function SimulateVisitorForm({
  conversations,
  onSent,
}: {
  conversations: readonly Conversation[];
  onSent(): void;
}) {
  const { session } = useApp();
  const [conversationId, setConversationId] = useState('');
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>('chat');
  const [content, setContent] = useState('');
  const action = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    const sent = await action.run(
      async () => {
        if (conversationId === '') {
          const body = { workspaceId: session.workspaceId, channel, content };
          return unwrap(await control.POST('/__control/conversations', { body })).conversation.id;
        }
        unwrap(
          await control.POST('/__control/conversations/{conversationId}/visitor-messages', {
            params: { path: { conversationId } },
            body: { content },
          }),
        );
        return conversationId;
      },
      (id) => `The visitor wrote in ${id}.`,
    );
    if (sent) {
      setContent('');
      onSent();
    }
  };

  return (
    <form class="card" onSubmit={submit} aria-labelledby="simulate-visitor">
      <h2 id="simulate-visitor">Simulate a visitor message</h2>
      <div class="fields">
        <label>
          Conversation
          <select value={conversationId} onChange={(e) => setConversationId(e.currentTarget.value)}>
            <option value="">a new conversation</option>
            {conversations.map((c) => (
              <option key={c.id} value={c.id}>
                {c.subject ?? c.id} ({c.id})
              </option>
            ))}
          </select>
        </label>
        {conversationId === '' && (
          <label>
            Channel
            <select value={channel} onChange={(e) => setChannel(e.currentTarget.value as typeof channel)}>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Message
          <input
            required
            maxLength={10_000}
            value={content}
            onInput={(e) => setContent(e.currentTarget.value)}
          />
        </label>
      </div>
      <button type="submit" disabled={action.busy}>
        Send as the visitor
      </button>
      <ErrorMessage failure={action.failure} />
    </form>
  );
}
