import type { components } from '../../generated/openapi';
import type { EngineState } from '../context';
import type { ClaimRow, ConversationRow } from '../store/store';
import { setExpiryTask, toClaim } from './claim-lease';
import { toConversation } from './conversations';

type ClaimEventData = components['schemas']['ClaimEventData'];

/** The `data` of the claim lifecycle events: the claim and the conversation as they are now. */
export function claimEventData(
  engine: EngineState,
  claim: ClaimRow,
  conversation: ConversationRow,
  now: number,
): ClaimEventData {
  return { claim: toClaim(claim), conversation: toConversation(engine, conversation, now) };
}

/**
 * Marks a lapsed claim `expired` (it ended when its lease ran out), frees the conversation, and
 * records it: `conversation.claim_expired` and a `claim.expire` audit entry with no credential or
 * request, since the clock did it.
 */
export function expireClaim(engine: EngineState, claim: ClaimRow): void {
  const now = engine.clock.now();
  if (claim.status !== 'active' || claim.expiresAt > now) return;
  setExpiryTask(engine, claim.id, undefined);
  engine.store.claims.update(claim, (r) => {
    r.status = 'expired';
    r.endedAt = r.expiresAt;
  });
  const conversation = engine.store.conversations.get(claim.conversationId);
  if (!conversation) return;
  engine.store.conversations.update(conversation, (r) => {
    if (r.claimId === claim.id) r.claimId = null;
    // The conversation's `claim` and `automationEligible` changed, so sync lists must see it again.
    r.updatedAt = now;
  });
  const target = { type: 'conversation', id: conversation.id };
  engine.audit({
    workspaceId: claim.workspaceId,
    credentialId: null,
    actorName: null,
    action: 'claim.expire',
    target,
    requestId: null,
  });
  engine.emit({
    type: 'conversation.claim_expired',
    workspaceId: claim.workspaceId,
    resource: target,
    data: { ...claimEventData(engine, claim, conversation, now) },
  });
}

/**
 * Schedules the claim's expiry at its `expiresAt`, replacing any earlier task. Exported so a restore
 * of persisted state can re-arm the leases it loads.
 */
export function scheduleClaimExpiry(engine: EngineState, claim: ClaimRow): void {
  const claimId = claim.id;
  const task = engine.scheduler.schedule(
    claim.expiresAt,
    () => {
      const current = engine.store.claims.get(claimId);
      if (current) expireClaim(engine, current);
    },
    `claim-expiry:${claimId}`,
  );
  setExpiryTask(engine, claimId, task);
}

/** Extends an active lease to `leaseSeconds` from now (renew, re-claim, or a send). */
export function extendLease(engine: EngineState, claim: ClaimRow, leaseSeconds: number, now: number): void {
  engine.store.claims.update(claim, (r) => {
    r.leaseSeconds = leaseSeconds;
    r.expiresAt = now + leaseSeconds * 1000;
  });
  scheduleClaimExpiry(engine, claim);
}

/**
 * Expires the conversation's claim if its lease already ran out but its task has not run yet (the
 * clock was set directly rather than advanced), so the ledger records the lapse before a new claim.
 */
export function settleLapsedClaim(engine: EngineState, conversation: ConversationRow): void {
  const claim = conversation.claimId ? engine.store.claims.get(conversation.claimId) : undefined;
  if (claim) expireClaim(engine, claim);
}
