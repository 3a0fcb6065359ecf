import { verifyWebhook } from '@opencom/webhooks';

/** What `opencom.webhooks` adds to the generated subscription operations. */
export interface WebhookVerification {
  /**
   * Verifies a delivery's signature and returns the typed event: `verifyWebhook` from
   * `@opencom/webhooks`, here so one import covers sending and receiving.
   *
   * @example
   * const event = await opencom.webhooks.verify({ body: await request.text(), headers: request.headers, secret });
   * @throws {WebhookVerificationError} with a `reason` when the delivery is not authentic
   */
  verify: typeof verifyWebhook;
}

export const webhookVerification: WebhookVerification = { verify: verifyWebhook };
