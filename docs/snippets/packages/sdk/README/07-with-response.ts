// packages/sdk/README.md, "Responses and request IDs".
import type { Opencom } from '@opencom/sdk';

declare const opencom: Opencom;
declare const conversationId: string;
declare const jobId: string;

// #region sample
const { data: message, response, requestId } = await opencom.messages
  .send(conversationId, { content: 'On it!' }, { idempotencyKey: jobId })
  .withResponse();
if (response.headers.get('idempotent-replayed') === 'true') console.log(`sent before (${requestId})`);
console.log(response.headers.get('ratelimit-remaining'));

const { data: page } = await opencom.articles.list({ status: 'published' }).withResponse(); // first page
// #endregion
