import type { ControlHandler, Engine } from '../engine/engine';
import { created } from '../engine/http/json';
import { ApiProblem } from '../engine/http/problem';
import { toConversation } from '../engine/routes/conversations';
import { appendMessage, toMessage } from '../engine/routes/messages';
import { toVisitor } from '../engine/routes/visitor-profile';
import type { ConversationRow, VisitorRow } from '../engine/store/store';
import type { components } from '../generated/control';
import { aiSimulationRoutes } from './ai-simulation';

type S = components['schemas'];

const notFound = (kind: string, id: string) =>
  new ApiProblem(404, 'not_found', 'Not found', `No ${kind} ${id}.`);

/**
 * Simulations act for people, not credentials, so nothing is audited. The event keeps a deep copy:
 * later writes to the row must not change what the event said.
 */
function emit(engine: Engine, workspaceId: string, type: string, resourceType: string, data: { id: string }) {
  engine.emit({
    type,
    workspaceId,
    resource: { type: resourceType, id: data.id },
    data: structuredClone(data),
  });
}

function conversationOr404(engine: Engine, id: unknown): ConversationRow {
  const row = engine.store.conversations.get(String(id));
  if (!row) throw notFound('conversation', String(id));
  return row;
}

/** A visitor writing in the chat widget is active there; email is not widget activity. */
function markSeen(engine: Engine, conversation: ConversationRow, now: number): void {
  const visitor = conversation.visitorId ? engine.store.visitors.get(conversation.visitorId) : undefined;
  if (!visitor || conversation.channel !== 'chat') return;
  // Activity moves lastSeenAt alone: no updatedAt, no visitor.updated (spec: Visitor).
  engine.store.visitors.update(visitor, (v) => {
    v.firstSeenAt ??= now;
    v.lastSeenAt = now;
  });
}

function newVisitor(engine: Engine, body: S['ConversationSimulation'], now: number): VisitorRow {
  const seen = body.channel === 'chat' ? now : null;
  const visitor = engine.store.visitors.insert({
    id: engine.ids.next('vis'),
    workspaceId: body.workspaceId,
    externalId: null,
    externalUserId: null,
    email: body.visitor?.email ?? null,
    name: body.visitor?.name ?? null,
    location: null,
    customAttributes: {},
    firstSeenAt: seen,
    lastSeenAt: seen,
    createdAt: now,
    updatedAt: now,
  });
  emit(engine, body.workspaceId, 'visitor.created', 'visitor', toVisitor(visitor));
  return visitor;
}

export const simulationRoutes: Record<string, ControlHandler> = {
  simulateNewConversation: ({ engine, body: raw }) => {
    const body = raw as S['ConversationSimulation'];
    const now = engine.clock.now();
    if (!engine.store.workspaces.has(body.workspaceId)) throw notFound('workspace', body.workspaceId);
    let visitorId: string;
    if (body.visitorId !== undefined) {
      const known = engine.store.visitors.get(body.visitorId);
      if (known?.workspaceId !== body.workspaceId) {
        throw notFound('visitor', `${body.visitorId} in workspace ${body.workspaceId}`);
      }
      visitorId = known.id;
    } else {
      visitorId = newVisitor(engine, body, now).id;
    }
    const row = engine.store.conversations.insert({
      id: engine.ids.next('conv'),
      workspaceId: body.workspaceId,
      visitorId,
      assignedAgentId: null,
      status: 'open',
      channel: body.channel,
      subject: body.subject ?? null,
      aiWorkflowState: 'none',
      aiHandoffReason: null,
      createdAt: now,
      updatedAt: now,
      lastMessageAt: null,
      lastInboundMessageAt: null,
      lastInboundMessagePreview: null,
      claimId: null,
    });
    markSeen(engine, row, now);
    const message = toMessage(
      appendMessage(
        engine,
        row,
        { senderType: 'visitor', senderId: visitorId, actorName: null, content: body.content },
        now,
      ),
    );
    const conversation = toConversation(engine, row, now);
    emit(engine, row.workspaceId, 'conversation.created', 'conversation', conversation);
    emit(engine, row.workspaceId, 'message.created', 'message', message);
    return created({ conversation, message }, `/api/v1/conversations/${row.id}`);
  },

  simulateVisitorMessage: ({ engine, path, body }) => {
    const row = conversationOr404(engine, path.conversationId);
    const now = engine.clock.now();
    const { content } = body as S['VisitorMessageSimulation'];
    const reopened = row.status !== 'open';
    if (reopened) {
      const wasClosed = row.status === 'closed';
      engine.store.conversations.update(row, (r) => {
        r.status = 'open';
        // A closed conversation that the visitor opens again starts a new automation cycle: the
        // handoff belonged to the old one (spec: AiWorkflowState). Snoozed ones keep their state.
        if (wasClosed) {
          r.aiWorkflowState = 'none';
          r.aiHandoffReason = null;
        }
      });
    }
    markSeen(engine, row, now);
    const sender = row.visitorId ?? 'visitor';
    const message = toMessage(
      appendMessage(engine, row, { senderType: 'visitor', senderId: sender, actorName: null, content }, now),
    );
    emit(engine, row.workspaceId, 'message.created', 'message', message);
    if (reopened) {
      emit(engine, row.workspaceId, 'conversation.updated', 'conversation', toConversation(engine, row, now));
    }
    return created(message);
  },

  simulateAgentReply: ({ engine, path, body }) => {
    const row = conversationOr404(engine, path.conversationId);
    const now = engine.clock.now();
    const { agentId, content } = body as S['AgentReplySimulation'];
    // Human sends are never blocked by claims and do not assign or change the status (spec).
    const message = toMessage(
      appendMessage(engine, row, { senderType: 'agent', senderId: agentId, actorName: null, content }, now),
    );
    emit(engine, row.workspaceId, 'message.created', 'message', message);
    return created(message);
  },

  // The built-in AI and the visitor's "talk to a human" (ai-simulation.ts).
  ...aiSimulationRoutes,
};
