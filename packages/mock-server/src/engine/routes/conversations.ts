import type { components } from '../../generated/openapi';
import type { EngineState, RouteTable } from '../context';
import { matchesAttributes } from '../custom-attributes';
import { ok } from '../http/json';
import { rowInWorkspace } from '../store/in-workspace';
import type { ClaimRow, ConversationRow } from '../store/store';
import { endClaim, toClaim } from './claim-lease';

type Conversation = components['schemas']['Conversation'];

/** The caller-visible claim: only an active, unexpired lease counts. */
export function activeClaim(engine: EngineState, row: ConversationRow, now: number) {
  const claim = row.claimId ? engine.store.claims.get(row.claimId) : undefined;
  return claim && claim.status === 'active' && claim.expiresAt > now ? claim : undefined;
}

/** A stored conversation as the API shows it, with the computed claim and eligibility. */
export function toConversation(engine: EngineState, row: ConversationRow, now: number): Conversation {
  return conversationOf(row, activeClaim(engine, row, now));
}

/** A conversation that never had a claim (or whose claim ended): a function of the row alone. */
const unclaimedConversation = (row: ConversationRow) => conversationOf(row, undefined);

/**
 * A conversation's JSON. Without a claim it depends on the row alone and is cached until the row
 * changes; a claimed one is rendered each time, as its lease can lapse without a write.
 */
function conversationJson(engine: EngineState, row: ConversationRow, now: number): string {
  if (row.claimId === null) return engine.store.conversations.json(row, unclaimedConversation);
  return JSON.stringify(toConversation(engine, row, now));
}

function conversationOf(row: ConversationRow, claim: ClaimRow | undefined): Conversation {
  // Listed field by field (not spread): this runs for every row of every page.
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    visitorId: row.visitorId,
    assignedAgentId: row.assignedAgentId,
    status: row.status,
    channel: row.channel,
    subject: row.subject,
    aiWorkflowState: row.aiWorkflowState,
    aiHandoffReason: row.aiHandoffReason,
    automationEligible: row.status === 'open' && !claim && row.aiWorkflowState !== 'handoff',
    claim: claim
      ? {
          claimId: claim.claimId,
          actorName: claim.actorName,
          credentialId: claim.credentialId,
          expiresAt: claim.expiresAt,
        }
      : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastMessageAt: row.lastMessageAt,
    lastInboundMessageAt: row.lastInboundMessageAt,
    lastInboundMessagePreview: row.lastInboundMessagePreview,
  };
}

/** A conversation of the caller's workspace, or 404 (another workspace's IDs are never visible). */
export function conversationOr404(engine: EngineState, workspaceId: string, id: string): ConversationRow {
  return rowInWorkspace(engine.store.conversations, workspaceId, id, 'conversation');
}

export const conversationRoutes: RouteTable = {
  listConversations: ({ engine, workspace, query, now }) => {
    const { store } = engine;
    const visitorOf = (row: ConversationRow) =>
      row.visitorId ? store.visitors.get(row.visitorId) : undefined;
    const email = query.email?.toLowerCase();
    const filter = (row: ConversationRow) => {
      if (query.status !== undefined && row.status !== query.status) return false;
      if (query.channel !== undefined && row.channel !== query.channel) return false;
      if (query.assignee === 'none' && row.assignedAgentId !== null) return false;
      if (query.assignee === 'any' && row.assignedAgentId === null) return false;
      if (
        query.assignee !== undefined &&
        !['none', 'any'].includes(query.assignee) &&
        row.assignedAgentId !== query.assignee
      ) {
        return false;
      }
      if (email !== undefined || query.externalUserId !== undefined || query.customAttributes !== undefined) {
        const visitor = visitorOf(row);
        if (!visitor) return false;
        if (email !== undefined && visitor.email?.toLowerCase() !== email) return false;
        if (query.externalUserId !== undefined && visitor.externalUserId !== query.externalUserId)
          return false;
        if (!matchesAttributes(visitor.customAttributes, query.customAttributes)) return false;
      }
      if (query.automationEligible !== undefined) {
        if (toConversation(engine, row, now).automationEligible !== query.automationEligible) return false;
      }
      return true;
    };
    const serialize = (row: ConversationRow) => conversationJson(engine, row, now);
    const limit = query.limit ?? 20;
    if (query.updatedSince !== undefined) {
      // Sync order: (updatedAt, id) ascending from updatedSince, so a sync never skips or repeats.
      return ok(
        engine.pageJson(
          {
            list: 'listConversations:updated',
            index: store.conversations.index('updated'),
            prefix: [workspace.id],
            start: [workspace.id, query.updatedSince],
            limit,
            cursor: query.cursor,
            filter,
          },
          serialize,
        ),
      );
    }
    const byStatus = query.status !== undefined;
    return ok(
      engine.pageJson(
        {
          list: byStatus ? 'listConversations:status' : 'listConversations:created',
          index: byStatus ? store.conversations.index('status') : store.conversations.index('created'),
          prefix: byStatus ? [workspace.id, query.status as string] : [workspace.id],
          reverse: true,
          limit,
          cursor: query.cursor,
          filter,
        },
        serialize,
      ),
    );
  },

  getConversation: ({ engine, workspace, path, now }) =>
    ok(toConversation(engine, conversationOr404(engine, workspace.id, path.conversationId), now)),

  updateConversation: ({ engine, workspace, path, body, now, audit, emit }) => {
    const row = conversationOr404(engine, workspace.id, path.conversationId);
    // Closing a claimed conversation ends the claim (spec: updateConversation).
    const endedClaim = body.status === 'closed' ? activeClaim(engine, row, now) : undefined;
    engine.store.conversations.update(row, (r) => {
      if (body.status !== undefined) r.status = body.status;
      if (body.assignedAgentId !== undefined) r.assignedAgentId = body.assignedAgentId;
      if (body.subject !== undefined) r.subject = body.subject;
      r.updatedAt = now;
    });
    if (endedClaim) endClaim(engine, endedClaim, row, 'released', now);
    const conversation = toConversation(engine, row, now);
    const target = { type: 'conversation', id: row.id };
    audit('conversation.update', target);
    emit('conversation.updated', target, conversation);
    if (endedClaim) {
      audit('claim.release', target);
      emit('conversation.claim_released', target, { claim: toClaim(endedClaim), conversation });
    }
    return ok(conversation);
  },
};
