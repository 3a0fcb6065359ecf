// packages/sdk/README.md, "Errors".
import type { Opencom } from '@opencom/sdk';

declare const opencom: Opencom;
declare const conversationId: string;

// #region sample
import { ClaimConflictError } from '@opencom/sdk';

try {
  await opencom.claims.acquire(conversationId);
} catch (error) {
  if (error instanceof ClaimConflictError) console.log(`held by ${error.holder?.actorName}`);
  else throw error;
}
// #endregion
