// packages/sdk/README.md, "The first five minutes", step 4: answer as a bot.
import type { Opencom } from '@opencom/sdk';

declare const opencom: Opencom;
declare const conversationId: string;

// #region sample
await using session = await opencom.claims.acquire(conversationId, { leaseSeconds: 120 });
const conversation = await opencom.conversations.get(conversationId);
const hits = await opencom.articles.search({ q: conversation.lastInboundMessagePreview ?? 'help' });
await session.send(`This should help: ${hits.data[0]?.article.title}`);
// or: await session.escalate('Chargeback: needs a human');
// #endregion
