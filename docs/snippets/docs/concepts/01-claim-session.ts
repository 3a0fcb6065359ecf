// docs/concepts.md, "Claims and leases".
import type { Opencom } from '@opencom/sdk';

declare const opencom: Opencom;
declare const conversationId: string;
declare const question: string;

// #region sample
await using session = await opencom.claims.acquire(conversationId, { leaseSeconds: 60 });
const hits = await opencom.articles.search({ q: question, visibility: 'public' }, { signal: session.lost });
if (hits.data[0] === undefined) await session.escalate('No article answers this');
else await session.send(`This should help: "${hits.data[0].article.title}"`, { signal: session.lost });
// leaving the block releases the claim, unless it was escalated or lost
// #endregion
