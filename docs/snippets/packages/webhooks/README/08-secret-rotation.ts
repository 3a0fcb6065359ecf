// packages/webhooks/README.md, "Secret rotation".
import { verifyWebhook } from '@opencom/webhooks';

declare const body: string;
declare const headers: Headers;

// #region sample
await verifyWebhook({ body, headers, secrets: [process.env.SECRET_NEW!, process.env.SECRET_OLD!] });
// #endregion
