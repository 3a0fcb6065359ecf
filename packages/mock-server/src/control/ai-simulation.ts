import type { ControlHandler, Engine } from '../engine/engine';
import { ok } from '../engine/http/json';
import { ApiProblem, problems } from '../engine/http/problem';
import { activeClaim, toConversation } from '../engine/routes/conversations';
import { appendMessage, toMessage } from '../engine/routes/messages';
import type { AiSuppressionRow, ConversationRow } from '../engine/store/store';
import type { components, operations } from '../generated/control';

type S = components['schemas'];
type SuppressionQuery = NonNullable<operations['listAiSuppressions']['parameters']['query']>;

/** The built-in AI agent's `senderId` on the `bot` messages it posts. */
const AI_SENDER_ID = 'ai-agent';
const DEFAULT_AI_HANDOFF_REASON = 'Handed off by the AI agent';
const DEFAULT_HUMAN_REQUEST_REASON = 'Visitor asked for a human';

function conversationOr404(engine: Engine, id: unknown): ConversationRow {
  const row = engine.store.conversations.get(String(id));
  if (!row) throw new ApiProblem(404, 'not_found', 'Not found', `No conversation ${String(id)}.`);
  return row;
}

/** The built-in AI only answers, and visitors only ask for humans, in open conversations. */
function requireOpen(row: ConversationRow, who: string): void {
  if (row.status === 'open') return;
  throw new ApiProblem(
    409,
    'conversation_not_open',
    'Conversation is not open',
    `${row.id} is ${row.status}; ${who} only in open conversations.`,
  );
}

/** Like simulation.ts: nothing is audited (no credential acted); events keep a deep copy. */
function emit(
  engine: Engine,
  row: ConversationRow,
  type: string,
  resourceType: string,
  data: { id: string },
) {
  engine.emit({
    type,
    workspaceId: row.workspaceId,
    resource: { type: resourceType, id: data.id },
    data: structuredClone(data),
  });
}

/** Hands the conversation to a human: `aiWorkflowState: handoff` and `conversation.ai_handoff`. */
function handOff(engine: Engine, row: ConversationRow, reason: string, now: number) {
  engine.store.conversations.update(row, (r) => {
    r.aiWorkflowState = 'handoff';
    r.aiHandoffReason = reason;
    r.updatedAt = now;
  });
  const conversation = toConversation(engine, row, now);
  // Only `conversation.ai_handoff`: per the event catalogue, AI handoffs do not also emit
  // `conversation.updated` (see the note in the report on simulateHumanRequest's description).
  emit(engine, row, 'conversation.ai_handoff', 'conversation', conversation);
  return conversation;
}

/**
 * The index that serves a suppression listing, newest first. Lists are named per conversation or
 * workspace, so a cursor from another list is an `invalid_cursor` rather than a wrong page.
 */
function suppressionIndex(
  engine: Engine,
  conversationId: string | undefined,
  workspaceId: string | undefined,
) {
  const table = engine.store.aiSuppressions;
  if (conversationId !== undefined) {
    return {
      list: `listAiSuppressions:conversation:${conversationId}`,
      index: table.index('byConversation'),
      prefix: [conversationId],
    };
  }
  if (workspaceId !== undefined) {
    return {
      list: `listAiSuppressions:workspace:${workspaceId}`,
      index: table.index('created'),
      prefix: [workspaceId],
    };
  }
  return { list: 'listAiSuppressions:all', index: table.index('all'), prefix: [] };
}

export const aiSimulationRoutes: Record<string, ControlHandler> = {
  simulateAiReply: ({ engine, path, body: raw }) => {
    const row = conversationOr404(engine, path.conversationId);
    const body = raw as S['AiReplySimulation'];
    if (body.handoffReason !== undefined && body.handoff !== true) {
      throw problems.invalidField('/body/handoffReason', 'is only allowed with handoff: true');
    }
    const now = engine.clock.now();
    requireOpen(row, 'the built-in AI answers');
    const claim = activeClaim(engine, row, now);
    if (claim) {
      // The seed dropped the candidate; keeping it lets operators see what the AI would have said.
      const suppression: AiSuppressionRow = engine.store.aiSuppressions.insert({
        id: engine.ids.next('sup'),
        workspaceId: row.workspaceId,
        conversationId: row.id,
        claimId: claim.claimId,
        actorName: claim.actorName,
        candidateContent: body.content,
        createdAt: now,
      });
      return ok({ outcome: 'suppressed', message: null, suppression: { ...suppression } });
    }
    if (row.aiWorkflowState === 'handoff') {
      throw problems.invalidTransition(
        `${row.id} was handed to a human; the built-in AI no longer answers it.`,
      );
    }
    const message = toMessage(
      appendMessage(
        engine,
        row,
        { senderType: 'bot', senderId: AI_SENDER_ID, actorName: null, content: body.content },
        now,
      ),
    );
    emit(engine, row, 'message.created', 'message', message);
    if (body.handoff === true) {
      handOff(engine, row, body.handoffReason ?? DEFAULT_AI_HANDOFF_REASON, now);
      return ok({ outcome: 'handed_off', message, suppression: null });
    }
    engine.store.conversations.update(row, (r) => {
      r.aiWorkflowState = 'ai_handled';
    });
    return ok({ outcome: 'posted', message, suppression: null });
  },

  simulateHumanRequest: ({ engine, path, body: raw }) => {
    const row = conversationOr404(engine, path.conversationId);
    const body = raw as S['HumanRequestSimulation'] | undefined;
    requireOpen(row, 'visitors ask for a human');
    // Works while an automation holds a claim (the seed refused it); the claim stays, and its holder
    // learns of the request from the event or `aiWorkflowState` and is expected to escalate or release.
    return ok(handOff(engine, row, body?.reason ?? DEFAULT_HUMAN_REQUEST_REASON, engine.clock.now()));
  },

  listAiSuppressions: ({ engine, query }) => {
    const { conversationId, workspaceId, limit, cursor } = query as SuppressionQuery;
    return ok(
      engine.page(
        {
          ...suppressionIndex(engine, conversationId, workspaceId),
          reverse: true,
          limit: limit ?? 20,
          cursor,
          // A conversation belongs to one workspace, so with both filters the workspace is a check.
          ...(conversationId !== undefined && workspaceId !== undefined
            ? { filter: (row: AiSuppressionRow) => row.workspaceId === workspaceId }
            : {}),
        },
        (row) => ({ ...row }),
      ),
    );
  },
};
