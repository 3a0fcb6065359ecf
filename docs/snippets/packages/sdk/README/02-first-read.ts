// packages/sdk/README.md, "The first five minutes", step 3: read.
import type { Opencom } from '@opencom/sdk';

declare const opencom: Opencom;

// #region sample
const page = await opencom.articles.list({ status: 'published' }); // { data, nextCursor, hasMore }
for await (const conversation of opencom.conversations.list({ status: 'open', automationEligible: true })) {
  console.log(conversation.id, conversation.lastInboundMessagePreview);
}
for await (const page of opencom.tickets.list({ limit: 100 }).pages()) console.log(page.data.length);
// #endregion
