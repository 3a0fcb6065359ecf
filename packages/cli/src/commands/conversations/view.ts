import type { components } from '@opencom/sdk';
import type { Context } from '../../context';
import { formatTime } from '../../output/format';

export type Conversation = components['schemas']['Conversation'];

/** The statuses of the spec's ConversationStatus, checked complete by the type. */
const STATUSES: Record<Conversation['status'], true> = { open: true, closed: true, snoozed: true };
export const CONVERSATION_STATUSES = Object.keys(STATUSES);
const CHANNELS: Record<Conversation['channel'], true> = { chat: true, email: true };
export const CHANNEL_NAMES = Object.keys(CHANNELS);

/** `support-bot until 2026-01-01 00:05:00Z`, or undefined when nobody holds a claim. */
export const claimHolder = (conversation: Conversation) =>
  conversation.claim === null
    ? undefined
    : `${conversation.claim.actorName} until ${formatTime(conversation.claim.expiresAt)}`;

/** The AI state with its handoff reason: `handoff (Visitor asked for a human)`. */
const aiState = (conversation: Conversation) =>
  conversation.aiHandoffReason === null
    ? conversation.aiWorkflowState
    : `${conversation.aiWorkflowState} (${conversation.aiHandoffReason})`;

/** One conversation as label / value lines: its record, claim and automation state. */
export function showConversation(ctx: Context, conversation: Conversation): void {
  const { claim } = conversation;
  ctx.output.fields([
    ['id', conversation.id],
    ['subject', conversation.subject],
    ['status', conversation.status],
    ['channel', conversation.channel],
    ['visitor', conversation.visitorId],
    ['assignee', conversation.assignedAgentId],
    ['claimed by', claim && `${claim.actorName} (${claim.credentialId})`],
    ['claim', claim?.claimId],
    ['lease expires', claim && formatTime(claim.expiresAt)],
    ['AI state', aiState(conversation)],
    ['automation', conversation.automationEligible ? 'eligible (may be claimed now)' : 'not eligible'],
    ['created', formatTime(conversation.createdAt)],
    ['updated', formatTime(conversation.updatedAt)],
    ['last message', formatTime(conversation.lastMessageAt)],
    ['last inbound', formatTime(conversation.lastInboundMessageAt)],
    ['preview', conversation.lastInboundMessagePreview],
  ]);
}
