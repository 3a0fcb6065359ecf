import { WebhookVerificationError } from '../errors.js';

/** A runtime-neutral response, rendered by each adapter. */
export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

function json(status: number, payload: object, headers: Record<string, string> = {}): Answer {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(payload) };
}

export const answers = {
  /** The handler ran and did not answer itself. */
  accepted: (): Answer => ({ status: 204, headers: {}, body: null }),
  /** A retry or replay of an event already handled: 2xx, so the sender stops. */
  duplicate: (): Answer => json(200, { received: true, duplicate: true }),
  /** The same event is being handled right now: non-2xx, so the sender retries later. */
  inProgress: (): Answer =>
    json(
      409,
      { error: 'in_progress', message: '@opencom/webhooks: this event is being handled' },
      { 'retry-after': '30' },
    ),
  rejected: (error: WebhookVerificationError): Answer =>
    json(400, { error: 'webhook_verification_failed', reason: error.reason, message: error.message }),
  methodNotAllowed: (): Answer =>
    json(
      405,
      { error: 'method_not_allowed', message: '@opencom/webhooks: webhooks are POST requests' },
      { allow: 'POST' },
    ),
  tooLarge: (limit: number): Answer =>
    json(413, { error: 'payload_too_large', message: `@opencom/webhooks: the body exceeds ${limit} bytes` }),
  unreadable: (): Answer =>
    json(400, { error: 'unreadable_body', message: '@opencom/webhooks: the request body could not be read' }),
  misconfigured: (error: Error): Answer =>
    json(500, { error: 'receiver_misconfigured', message: error.message }),
  failed: (): Answer =>
    json(500, { error: 'handler_failed', message: '@opencom/webhooks: the event handler threw' }),
};

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export function isVerificationError(error: unknown): error is WebhookVerificationError {
  return error instanceof WebhookVerificationError;
}
