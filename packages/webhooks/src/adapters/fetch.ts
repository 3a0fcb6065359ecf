import { runtimeCrypto } from '../crypto/runtime.js';
import type { Deduper } from '../dedupe.js';
import { usageError } from '../errors.js';
import type { OpencomEvent } from '../events.js';
import type { SecretOptions } from '../internal/options.js';
import { type Answer, answers, DEFAULT_MAX_BODY_BYTES, isVerificationError } from '../internal/responses.js';
import { type Verified, verifyDelivery } from '../internal/verify-core.js';
import type { WebhookScheme } from '../schemes/signed-delivery.js';
import type { VerifySettings } from '../verify.js';

/**
 * What a handler receives next to the event.
 *
 * @example
 * ```ts
 * const onEvent = (event: OpencomEvent, { webhookId, rawBody }: WebhookHandlerContext) => {
 *   console.log(webhookId, rawBody.byteLength);
 * };
 * ```
 */
export interface WebhookHandlerContext {
  readonly request: Request;
  /** The exact bytes that were verified (the request body stream is consumed). */
  readonly rawBody: Uint8Array;
  /** `webhook-id` (legacy: `X-Opencom-Event-Id`), the same for every retry of the event. */
  readonly webhookId: string;
  readonly scheme: WebhookScheme;
}

/**
 * Options of {@link createWebhookHandler}.
 *
 * @example
 * ```ts
 * const options: WebhookHandlerOptions = { secret, onEvent: (event) => console.log(event.type) };
 * ```
 */
export type WebhookHandlerOptions = SecretOptions &
  VerifySettings & {
    /**
     * Runs once per verified delivery. Return a `Response` to answer with it; anything else answers
     * `204`. A throw propagates (your framework answers 500 and the sender retries).
     */
    onEvent: (event: OpencomEvent, context: WebhookHandlerContext) => unknown;
    /** Skip events already handled (see `createDeduper`). Duplicates answer 200, in-flight ones 409. */
    deduper?: Deduper;
    /** Larger bodies are refused with 413 before verification. Default 1 MiB. */
    maxBodyBytes?: number;
  };

/**
 * Creates a Fetch-API handler, `(request: Request) => Promise<Response>`, for Next.js route handlers,
 * Hono, Cloudflare Workers, Deno, Bun and Vercel Edge. It reads the raw body once, verifies it, and
 * runs `onEvent` with the typed event. A delivery that fails verification gets `400` with a JSON
 * `{ error, reason, message }` and never reaches `onEvent`.
 *
 * @example
 * ```ts
 * // app/api/webhooks/route.ts (Next.js)
 * import { createWebhookHandler, isKnownEvent } from '@opencom/webhooks';
 *
 * export const POST = createWebhookHandler({
 *   secret: process.env.OPENCOM_WEBHOOK_SECRET!,
 *   async onEvent(event) {
 *     if (isKnownEvent(event) && event.type === 'message.created') {
 *       await notify(event.data.id);
 *     }
 *   },
 * });
 * ```
 */
export function createWebhookHandler(
  options: WebhookHandlerOptions,
): (request: Request) => Promise<Response> {
  const { onEvent, deduper, maxBodyBytes = DEFAULT_MAX_BODY_BYTES } = options;

  return async (request) => {
    if (request.method !== 'POST') return toResponse(answers.methodNotAllowed());
    if (Number(request.headers.get('content-length')) > maxBodyBytes)
      return toResponse(answers.tooLarge(maxBodyBytes));
    if (request.bodyUsed) {
      throw usageError(
        'the request body was already read (request.json() or request.text() ran before the handler), so ' +
          'the raw bytes the signature covers are gone. Pass the untouched Request, or request.clone()',
      );
    }
    const rawBody = new Uint8Array(await request.arrayBuffer());
    if (rawBody.byteLength > maxBodyBytes) return toResponse(answers.tooLarge(maxBodyBytes));

    let verified: Verified;
    try {
      verified = await verifyDelivery(runtimeCrypto, { ...options, body: rawBody, headers: request.headers });
    } catch (error) {
      if (isVerificationError(error)) return toResponse(answers.rejected(error));
      throw error;
    }
    const { event, delivery } = verified;
    const context: WebhookHandlerContext = {
      request,
      rawBody,
      webhookId: delivery.webhookId,
      scheme: delivery.scheme,
    };
    const handle = async () => onEvent(event, context);
    if (deduper === undefined) return answerFrom(await handle());
    const result = await deduper.run(delivery.webhookId, handle);
    if (result.status === 'processed') return answerFrom(result.value);
    return toResponse(result.status === 'duplicate' ? answers.duplicate() : answers.inProgress());
  };
}

function answerFrom(value: unknown): Response {
  return value instanceof Response ? value : toResponse(answers.accepted());
}

function toResponse(answer: Answer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
