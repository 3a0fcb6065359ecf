// packages/sdk/README.md, "Per-call options".
import type { Opencom, OperationBody } from '@opencom/sdk';

declare const opencom: Opencom;
declare const article: OperationBody<'upsertArticleByExternalId'>;
declare const runId: string;
declare const id: string;

// #region sample
await opencom.articles.upsertByExternalId('kb-42', article, { idempotencyKey: `import-${runId}-kb-42` });
await opencom.conversations.get(id, { signal: AbortSignal.timeout(2_000), maxRetries: 0 });
// #endregion
