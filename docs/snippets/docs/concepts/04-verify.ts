// docs/concepts.md, "Signatures".
import { verifyWebhook } from '@opencom/webhooks';

declare const request: Request;
declare const secrets: string[];

// #region sample
const event = await verifyWebhook({ body: await request.text(), headers: request.headers, secrets });
// #endregion
