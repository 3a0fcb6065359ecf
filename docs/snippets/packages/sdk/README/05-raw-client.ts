// packages/sdk/README.md, "Resources": the raw client.
import type { Opencom } from '@opencom/sdk';

declare const opencom: Opencom;
declare const conversationId: string;

// #region sample
const { data, error, response } = await opencom.raw.GET('/conversations/{conversationId}', {
  params: { path: { conversationId } },
});
// #endregion
