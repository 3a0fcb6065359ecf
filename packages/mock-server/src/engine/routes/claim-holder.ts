import type { EngineState } from '../context';
import { ApiProblem } from '../http/problem';
import type { ClaimRow, ConversationRow } from '../store/store';
import { activeClaim } from './conversations';

/** The 409s of the claim contract (spec/examples/claims.yaml), with the holder where it helps. */
export const claimProblems = {
  conflict: (holder: ClaimRow) =>
    new ApiProblem(
      409,
      'claim_conflict',
      'Conversation is claimed by another automation',
      `${holder.actorName} holds the claim until ${holder.expiresAt}.`,
      { holder: { actorName: holder.actorName, expiresAt: holder.expiresAt } },
    ),
  required: (conversationId: string) =>
    new ApiProblem(
      409,
      'claim_required',
      'Claim required',
      `You hold no claim on ${conversationId}; claim the conversation first.`,
    ),
  expired: (claim: ClaimRow) =>
    new ApiProblem(
      409,
      'claim_expired',
      'Claim expired',
      `Your claim on ${claim.conversationId} lapsed at ${claim.expiresAt}; claim the conversation again.`,
    ),
  notOpen: (conversation: ConversationRow) =>
    new ApiProblem(
      409,
      'conversation_not_open',
      'Conversation is not open',
      `Only open conversations can be claimed; ${conversation.id} is ${conversation.status}.`,
    ),
  awaitingHuman: (conversation: ConversationRow) =>
    new ApiProblem(
      409,
      'invalid_transition',
      'Conversation is waiting for a human',
      `${conversation.id} was handed to a human (${conversation.aiHandoffReason ?? 'handoff'}); automations cannot claim it.`,
    ),
} as const;

/** The credential's most recent claim on the conversation, whatever its status. */
function latestClaimOf(engine: EngineState, conversationId: string, credentialId: string) {
  for (const claim of engine.store.claims.index('byConversation').scan([conversationId], { reverse: true })) {
    if (claim.credentialId === credentialId) return claim;
  }
  return undefined;
}

/**
 * The caller's active claim on the conversation, or the 409 that explains why there is none:
 * `claim_conflict` while another credential holds it, `claim_expired` when the caller's own latest
 * claim lapsed, `claim_required` otherwise (never claimed, or released or escalated).
 */
export function heldClaim(
  engine: EngineState,
  conversation: ConversationRow,
  credentialId: string,
  now: number,
): ClaimRow {
  const current = activeClaim(engine, conversation, now);
  if (current?.credentialId === credentialId) return current;
  if (current) throw claimProblems.conflict(current);
  const mine = latestClaimOf(engine, conversation.id, credentialId);
  // `active` here means lapsed but not yet swept by its expiry task (the clock was set, not advanced).
  if (mine && (mine.status === 'expired' || mine.status === 'active')) throw claimProblems.expired(mine);
  throw claimProblems.required(conversation.id);
}
