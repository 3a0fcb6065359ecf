// packages/webhooks/README.md, "Errors".
import type { OpencomEvent } from '@opencom/webhooks';

declare const secret: string;
declare function handle(event: OpencomEvent): Promise<void>;

// #region sample
import { verifyWebhook, WebhookVerificationError } from '@opencom/webhooks';

export async function POST(request: Request): Promise<Response> {
  try {
    const event = await verifyWebhook({ body: await request.text(), headers: request.headers, secret });
    await handle(event);
    return new Response(null, { status: 204 });
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      return Response.json({ reason: error.reason }, { status: 400 });
    }
    throw error; // a TypeError: a programming mistake, such as a parsed body or an invalid secret
  }
}
// #endregion
