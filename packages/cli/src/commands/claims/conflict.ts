import { CommandFailure, ExitCode } from '../../errors';
import { formatTime } from '../../output/format';

/**
 * Awaits `call` and turns a 409 `claim_conflict` into one line that names the holder and when its
 * lease ends (the problem's `holder`), exit 4. The server's own detail has the expiry in epoch ms.
 */
export async function explainClaimConflict<T>(conversationId: string, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    const { ClaimConflictError } = await import('@opencom/sdk');
    const holder = error instanceof ClaimConflictError ? error.holder : undefined;
    if (error instanceof ClaimConflictError && holder !== undefined) {
      const details = ['claim_conflict', error.requestId && `request ${error.requestId}`]
        .filter(Boolean)
        .join(', ');
      throw new CommandFailure(
        `${conversationId} is claimed by ${holder.actorName} until ${formatTime(holder.expiresAt)} (${details})`,
        ExitCode.conflict,
      );
    }
    throw error;
  }
}
