// packages/webhooks/README.md, the first sample.
declare const rawBody: string;
declare const request: Request;

// #region sample
import { verifyWebhook } from '@opencom/webhooks';

const event = await verifyWebhook({
  body: rawBody, // the raw request body: string, Uint8Array, Buffer or ArrayBuffer, never parsed JSON
  headers: request.headers, // Headers, Node's req.headers, or any object (any case, array values)
  secret: process.env.OPENCOM_WEBHOOK_SECRET!, // whsec_...
});
event.type; // 'conversation.created' | 'message.created' | ... (typed, see "Typed events")
// #endregion
