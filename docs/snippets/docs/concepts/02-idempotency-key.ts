// docs/concepts.md, "Idempotency".
import type { Opencom } from '@opencom/sdk';

declare const opencom: Opencom;
declare const conversationId: string;
declare const reply: string;
declare const jobId: string;

// #region sample
await opencom.messages.send(conversationId, { content: reply }, { idempotencyKey: `reply-${jobId}` });
// #endregion
