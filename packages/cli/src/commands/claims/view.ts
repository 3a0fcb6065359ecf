import type { Claim } from '@opencom/sdk';
import { InvalidArgumentError } from 'commander';
import type { Context } from '../../context';
import { parseDuration } from '../../kit/duration';
import { formatDuration, formatTime } from '../../output/format';

// The lease bounds of spec/components/schemas/claim.yaml (ClaimLease.leaseSeconds): 30–900 s.
export const MIN_LEASE_SECONDS = 30;
export const MAX_LEASE_SECONDS = 900;

/** Commander parser for `--lease`: a duration (`90s`, `5m`) as whole seconds within the API's bounds. */
export function leaseSeconds(value: string): number {
  const ms = parseDuration(value);
  if (ms % 1000 !== 0) throw new InvalidArgumentError('a lease is whole seconds, e.g. 90s or 5m.');
  const seconds = ms / 1000;
  if (seconds < MIN_LEASE_SECONDS || seconds > MAX_LEASE_SECONDS) {
    throw new InvalidArgumentError(
      `a lease is 30s to 15m (the API allows ${MIN_LEASE_SECONDS}-${MAX_LEASE_SECONDS} seconds).`,
    );
  }
  return seconds;
}

/** One claim as label / value lines. */
export function showClaim(ctx: Context, claim: Claim): void {
  ctx.output.fields([
    ['conversation', claim.conversationId],
    ['claim', claim.claimId],
    ['holder', `${claim.actorName} (${claim.credentialId})`],
    ['status', claim.status],
    ['lease', formatDuration(claim.leaseSeconds)],
    ['expires', formatTime(claim.expiresAt)],
    ['ended', formatTime(claim.endedAt)],
  ]);
}
