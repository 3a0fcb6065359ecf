import { useState } from 'preact/hooks';
import type { Conversation } from '../api/types';
import { ErrorMessage } from '../components/error-message';
import { FilterBar, FilterSelect } from '../components/filter-bar';
import { ListTable } from '../components/list-table';
import { PageHeading } from '../components/page-heading';
import { StatusText } from '../components/status-text';
import { TimeText } from '../components/time-text';
import { useApp } from '../context';
import { formatSpan } from '../format';
import { usePoll } from '../hooks/use-poll';
import { useTicker } from '../hooks/use-ticker';
import { CONVERSATION_STATUSES } from '../spec-lists';
import { SimulateVisitorForm } from './simulate-visitor-form';

type StatusFilter = '' | Conversation['status'];

/** Time left on a claim's lease, by the server's clock (which tests and `clock/advance` move). */
function Lease({ expiresAt, now }: { expiresAt: number; now: number }) {
  const left = expiresAt - now;
  return (
    <span role="timer">
      {left > 0 ? `${formatSpan(left)} left` : 'expired'}
      <div class="muted">
        until <TimeText ms={expiresAt} />
      </div>
    </span>
  );
}

function AiState({ conversation }: { conversation: Conversation }) {
  return (
    <span>
      {conversation.aiWorkflowState}
      {conversation.aiHandoffReason && <div class="hint">{conversation.aiHandoffReason}</div>}
    </span>
  );
}

/** Conversations with who holds their claim, how long the lease has left and the built-in AI's state. */
export function ConversationsPage() {
  const { opencom, serverNow } = useApp();
  const [status, setStatus] = useState<StatusFilter>('open');
  useTicker(1_000);
  const list = usePoll(
    async (signal) => {
      // Without `updatedSince` the API lists newest first: the page shows the 100 newest, in its order.
      const page = await opencom.conversations.list(
        { limit: 100, ...(status === '' ? {} : { status }) },
        { signal },
      );
      return { conversations: page.data, more: page.hasMore };
    },
    [status],
  );
  const now = serverNow();

  return (
    <main id="main">
      <PageHeading
        title="Conversations"
        onRefresh={list.refresh}
        intro="Who holds each conversation's claim (a bot's lease), how long the lease has left, and what the built-in AI is doing."
      />
      <ErrorMessage failure={list.failure} />
      <FilterBar label="Filter conversations" active={status !== ''} onClear={() => setStatus('')}>
        <FilterSelect
          label="Status"
          value={status}
          anyLabel="any"
          options={CONVERSATION_STATUSES}
          onChange={setStatus}
        />{' '}
      </FilterBar>
      <ListTable
        caption="Conversations"
        loading={list.loading}
        note={list.data?.more && <span class="muted"> (the 100 newest shown)</span>}
        columns={[
          'Conversation',
          'Channel',
          'Status',
          'Claim holder',
          'Lease',
          'AI state',
          'Last visitor message',
        ]}
        empty={
          list.data?.conversations.length === 0
            ? `No conversations${status === '' ? '' : ` with status ${status}`}.`
            : null
        }
      >
        {list.data?.conversations.map((conversation) => (
          <tr key={conversation.id}>
            <th scope="row">
              {conversation.subject ?? <span class="muted">(no subject)</span>}
              <div class="muted">{conversation.id}</div>
            </th>
            <td>{conversation.channel}</td>
            <td>
              <StatusText status={conversation.status} />
            </td>
            <td>{conversation.claim?.actorName ?? <span class="muted">unclaimed</span>}</td>
            <td>
              {conversation.claim ? (
                <Lease expiresAt={conversation.claim.expiresAt} now={now} />
              ) : (
                <span class="muted">—</span>
              )}
            </td>
            <td>
              <AiState conversation={conversation} />
            </td>
            <td>
              {conversation.lastInboundMessagePreview ?? <span class="muted">—</span>}
              <div class="muted">
                <TimeText ms={conversation.lastInboundMessageAt} empty="" />
              </div>
            </td>
          </tr>
        ))}
      </ListTable>
      <SimulateVisitorForm conversations={list.data?.conversations ?? []} onSent={list.refresh} />
    </main>
  );
}
