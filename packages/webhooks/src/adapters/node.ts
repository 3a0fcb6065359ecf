import { runtimeCrypto } from '../crypto/runtime.js';
import type { Deduper } from '../dedupe.js';
import { usageError } from '../errors.js';
import type { OpencomEvent } from '../events.js';
import type { WebhookHeaders } from '../headers.js';
import { utf8Encoder } from '../internal/encoding.js';
import type { SecretOptions } from '../internal/options.js';
import { type Answer, answers, DEFAULT_MAX_BODY_BYTES, isVerificationError } from '../internal/responses.js';
import { type Verified, verifyDelivery } from '../internal/verify-core.js';
import type { WebhookScheme } from '../schemes/signed-delivery.js';
import type { VerifySettings } from '../verify.js';

/**
 * The parts of a Node `IncomingMessage` (or Express `Request`) the middleware uses. Structural, so
 * the package's types do not depend on `@types/node`.
 *
 * @example
 * ```ts
 * const request: NodeWebhookRequest = req; // http.IncomingMessage, express.Request, ...
 * ```
 */
export interface NodeWebhookRequest extends AsyncIterable<unknown> {
  readonly method?: string | undefined;
  readonly headers: WebhookHeaders;
  /** Set by body parsers: used when it holds the raw bytes or text (`express.raw()`, `express.text()`). */
  readonly body?: unknown;
  /** Set by some frameworks (NestJS `rawBody: true`, Firebase Functions); used first. */
  readonly rawBody?: unknown;
  readonly readableEnded?: boolean;
}

/**
 * The parts of a Node `ServerResponse` (or Express `Response`) the middleware uses.
 *
 * @example
 * ```ts
 * const response: NodeWebhookResponse = res;
 * ```
 */
export interface NodeWebhookResponse {
  statusCode: number;
  readonly headersSent: boolean;
  readonly writableEnded: boolean;
  setHeader(name: string, value: string): unknown;
  end(chunk?: string): unknown;
}

/**
 * What a middleware handler receives next to the event.
 *
 * @example
 * ```ts
 * const onEvent = (event: OpencomEvent, { res }: NodeWebhookContext) => res.end('ok');
 * ```
 */
export interface NodeWebhookContext {
  readonly req: NodeWebhookRequest;
  readonly res: NodeWebhookResponse;
  /** The exact body that was verified. */
  readonly rawBody: string | Uint8Array;
  /** `webhook-id` (legacy: `X-Opencom-Event-Id`), the same for every retry of the event. */
  readonly webhookId: string;
  readonly scheme: WebhookScheme;
}

/**
 * Options of {@link createWebhookMiddleware}.
 *
 * @example
 * ```ts
 * const options: WebhookMiddlewareOptions = { secret, onEvent: (event) => console.log(event.type) };
 * ```
 */
export type WebhookMiddlewareOptions = SecretOptions &
  VerifySettings & {
    /** Runs once per verified delivery. If it does not answer through `context.res`, the middleware answers 204. */
    onEvent: (event: OpencomEvent, context: NodeWebhookContext) => unknown;
    /** Skip events already handled (see `createDeduper`). Duplicates answer 200, in-flight ones 409. */
    deduper?: Deduper;
    /** Larger bodies are refused with 413. Default 1 MiB. */
    maxBodyBytes?: number;
  };

/**
 * Creates an Express / Connect / node:http middleware that reads the raw request body itself,
 * verifies it and runs `onEvent` with the typed event. A delivery that fails verification gets `400`
 * with a JSON `{ error, reason, message }` and never reaches `onEvent`.
 *
 * If a JSON body parser already consumed the body (`express.json()` mounted before it), the
 * middleware fails loudly instead of reporting a bad signature: it passes a `TypeError` explaining
 * the fix to `next` (Express), or answers 500 with that explanation (plain node:http). Errors thrown
 * by `onEvent` go to `next` too, or become a 500.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { createWebhookMiddleware } from '@opencom/webhooks';
 *
 * const app = express();
 * // Mount before express.json(), or on a router without it.
 * app.post('/webhooks/opencom', createWebhookMiddleware({
 *   secret: process.env.OPENCOM_WEBHOOK_SECRET!,
 *   onEvent: async (event) => { await queue.push(event); },
 * }));
 * app.use(express.json());
 * ```
 */
export function createWebhookMiddleware(
  options: WebhookMiddlewareOptions,
): (req: NodeWebhookRequest, res: NodeWebhookResponse, next?: (error?: unknown) => void) => Promise<void> {
  const { onEvent, deduper, maxBodyBytes = DEFAULT_MAX_BODY_BYTES } = options;

  return async (req, res, next) => {
    const fail = (error: unknown, answer: Answer) => (next ? next(error) : send(res, answer));
    if (req.method !== undefined && req.method !== 'POST') return send(res, answers.methodNotAllowed());

    let rawBody: string | Uint8Array | undefined;
    try {
      rawBody = await readRawBody(req, maxBodyBytes);
    } catch (error) {
      // A TypeError is ours (a body parser ran first); anything else is the stream failing (client gone).
      return fail(error, error instanceof TypeError ? answers.misconfigured(error) : answers.unreadable());
    }
    if (rawBody === undefined) return send(res, answers.tooLarge(maxBodyBytes));

    let verified: Verified;
    try {
      verified = await verifyDelivery(runtimeCrypto, { ...options, body: rawBody, headers: req.headers });
    } catch (error) {
      if (isVerificationError(error)) return send(res, answers.rejected(error));
      return fail(error, answers.misconfigured(error as Error));
    }
    const { event, delivery } = verified;
    const context: NodeWebhookContext = {
      req,
      res,
      rawBody,
      webhookId: delivery.webhookId,
      scheme: delivery.scheme,
    };
    try {
      const handle = async () => onEvent(event, context);
      if (deduper === undefined) await handle();
      else {
        const { status } = await deduper.run(delivery.webhookId, handle);
        if (status !== 'processed')
          return send(res, status === 'duplicate' ? answers.duplicate() : answers.inProgress());
      }
    } catch (error) {
      return fail(error, answers.failed());
    }
    if (!res.headersSent && !res.writableEnded) send(res, answers.accepted());
  };
}

/**
 * The raw body: from `rawBody`/`body` when a framework kept the bytes, else read from the stream.
 * `undefined` when it exceeds `limit`. Throws when a parser already consumed the stream.
 */
async function readRawBody(req: NodeWebhookRequest, limit: number): Promise<string | Uint8Array | undefined> {
  // A body parser that kept the bytes or the text (express.raw(), express.text()) applied its own limit.
  for (const kept of [req.rawBody, req.body]) {
    if (kept instanceof Uint8Array || typeof kept === 'string') return kept;
  }
  if (req.readableEnded === true || (req as { _body?: unknown })._body === true) throw consumed(req.body);

  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of req) {
    const bytes = typeof chunk === 'string' ? utf8Encoder.encode(chunk) : (chunk as Uint8Array);
    total += bytes.byteLength;
    if (total > limit) return undefined;
    chunks.push(bytes);
  }
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

// The most common receiver bug: express.json() (or another parser) ran first, so the exact bytes
// are gone and every signature check would fail as `bad_signature`. Say what happened instead.
function consumed(body: unknown): TypeError {
  const parsed = typeof body === 'object' && body !== null;
  return usageError(
    `the request body was already read${parsed ? ' and parsed by a body parser (express.json()?)' : ''}, so the ` +
      'raw bytes the signature covers are gone. Mount the webhook middleware before express.json(), or use ' +
      'express.raw({ type: "application/json" }) on its route (Next.js pages router: export const config = ' +
      '{ api: { bodyParser: false } })',
  );
}

function send(res: NodeWebhookResponse, answer: Answer): void {
  // Someone (onEvent, another middleware) already started the answer: setHeader would throw.
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    return;
  }
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  res.end(answer.body ?? undefined);
}
