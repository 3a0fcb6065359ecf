import type { components } from '../../generated/openapi';
import type { RouteTable } from '../context';
import { created, ok } from '../http/json';
import type { ClaimRow } from '../store/store';
import { claimEventData, extendLease, scheduleClaimExpiry, settleLapsedClaim } from './claim-expiry';
import { claimProblems, heldClaim } from './claim-holder';
import { DEFAULT_LEASE_SECONDS, endClaim, toClaim } from './claim-lease';
import { activeClaim, conversationOr404 } from './conversations';

type ClaimLease = components['schemas']['ClaimLease'];
type ClaimEscalation = components['schemas']['ClaimEscalation'];

/** `aiHandoffReason` when an escalation gives none (spec: ClaimEscalation). */
const DEFAULT_ESCALATION_REASON = 'Escalated by automation';

const conversationTarget = (id: string) => ({ type: 'conversation', id });

/**
 * Claims are leases on conversations (spec/paths/claims.yaml). The engine handles one request at a
 * time from the handler on, so of two concurrent claims the first to reach its handler wins and the
 * other sees its claim: "exactly one wins" holds without locks.
 */
export const claimsRoutes: RouteTable = {
  claimConversation: ({ engine, workspace, credential, path, body, now, audit, emit }) => {
    const conversation = conversationOr404(engine, workspace.id, path.conversationId);
    // The body is optional, so it may be absent at run time whatever the generated type says.
    const leaseSeconds = (body as ClaimLease | undefined)?.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
    if (conversation.status !== 'open') throw claimProblems.notOpen(conversation);
    const target = conversationTarget(conversation.id);
    const current = activeClaim(engine, conversation, now);
    if (current?.credentialId === credential.id) {
      // Claiming what the caller already holds renews it (200); renewals emit no event.
      extendLease(engine, current, leaseSeconds, now);
      audit('claim.renew', target);
      return ok(toClaim(current));
    }
    if (current) throw claimProblems.conflict(current);
    // Waiting for a human (escalated, handed off, or the visitor asked): `automationEligible` is false,
    // and a bot must not pick it up again (the seed let claims ignore eligibility).
    if (conversation.aiWorkflowState === 'handoff') throw claimProblems.awaitingHuman(conversation);
    settleLapsedClaim(engine, conversation);
    const claimId = engine.ids.next('clm');
    const claim: ClaimRow = engine.store.claims.insert({
      id: claimId,
      claimId,
      workspaceId: workspace.id,
      conversationId: conversation.id,
      actorName: credential.actorName,
      credentialId: credential.id,
      status: 'active',
      leaseSeconds,
      createdAt: now,
      expiresAt: now + leaseSeconds * 1000,
      endedAt: null,
    });
    scheduleClaimExpiry(engine, claim);
    engine.store.conversations.update(conversation, (r) => {
      r.claimId = claimId;
      r.updatedAt = now;
    });
    audit('claim.acquire', target);
    emit('conversation.claimed', target, claimEventData(engine, claim, conversation, now));
    return created(toClaim(claim));
  },

  renewClaim: ({ engine, workspace, credential, path, body, now, audit }) => {
    const conversation = conversationOr404(engine, workspace.id, path.conversationId);
    const claim = heldClaim(engine, conversation, credential.id, now);
    const leaseSeconds = (body as ClaimLease | undefined)?.leaseSeconds ?? claim.leaseSeconds;
    extendLease(engine, claim, leaseSeconds, now);
    audit('claim.renew', conversationTarget(conversation.id));
    return ok(toClaim(claim));
  },

  releaseClaim: ({ engine, workspace, credential, path, now, audit, emit }) => {
    const conversation = conversationOr404(engine, workspace.id, path.conversationId);
    const claim = heldClaim(engine, conversation, credential.id, now);
    // Hands the conversation back as it is: the assigned human and `aiWorkflowState` stay (spec).
    endClaim(engine, claim, conversation, 'released', now);
    const target = conversationTarget(conversation.id);
    audit('claim.release', target);
    emit('conversation.claim_released', target, claimEventData(engine, claim, conversation, now));
    return ok(toClaim(claim));
  },

  escalateClaim: ({ engine, workspace, credential, path, body, now, audit, emit }) => {
    const conversation = conversationOr404(engine, workspace.id, path.conversationId);
    const claim = heldClaim(engine, conversation, credential.id, now);
    const reason = (body as ClaimEscalation | undefined)?.reason ?? DEFAULT_ESCALATION_REASON;
    endClaim(engine, claim, conversation, 'escalated', now, (r) => {
      r.aiWorkflowState = 'handoff';
      r.aiHandoffReason = reason;
    });
    const target = conversationTarget(conversation.id);
    audit('claim.escalate', target);
    emit('conversation.escalated', target, claimEventData(engine, claim, conversation, now));
    return ok(toClaim(claim));
  },
};
