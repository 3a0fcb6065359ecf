// docs/concepts.md, "Retries and replay".
import type { Opencom } from '@opencom/sdk';

declare const opencom: Opencom;

// #region sample
for await (const delivery of opencom.webhooks.deliveries.list({ status: 'failed' })) {
  await opencom.webhooks.deliveries.replay(delivery.id);
}
// #endregion
