import { OpencomConfigError } from '../core/config';
import type { ClaimsResource } from '../generated/resources';
import { type AcquireOptions, ClaimSession, type ClaimSessionDeps } from './claim-session';

/** What `opencom.claims` adds to the generated claim operations. */
export interface ClaimSessions {
  /**
   * Claims a conversation and keeps the claim: the session renews halfway through each lease, retries
   * a failed renewal while the lease lasts, fires `session.lost` when the lease is gone, and gives the
   * conversation back on `release()`, `escalate(reason)` or at the end of an `await using` block.
   *
   * @example
   * await using session = await opencom.claims.acquire('conv_8x2kq4m1', { leaseSeconds: 120 });
   * await session.send('Let me look into that for you.');
   * @throws {ClaimConflictError} when another automation holds the conversation (see `holder`)
   * @see spec/paths/claims.yaml
   */
  acquire(conversationId: string, options?: AcquireOptions): Promise<ClaimSession>;
}

/** Builds `opencom.claims.acquire` over the generated claim and message operations. */
export function createClaimSessions(deps: ClaimSessionDeps & { claims: ClaimsResource }): ClaimSessions {
  return {
    async acquire(conversationId, options = {}) {
      const { renewAfter } = options;
      if (renewAfter !== undefined && !(renewAfter > 0 && renewAfter < 1)) {
        throw new OpencomConfigError(`@opencom/sdk: renewAfter must be between 0 and 1, got ${renewAfter}.`);
      }
      const sentAt = deps.clock.now();
      const body = options.leaseSeconds === undefined ? undefined : { leaseSeconds: options.leaseSeconds };
      const claim = await deps.claims.claim(conversationId, body, {
        signal: options.signal,
        idempotencyKey: options.idempotencyKey,
      });
      return new ClaimSession(deps, claim, sentAt, options);
    },
  };
}
