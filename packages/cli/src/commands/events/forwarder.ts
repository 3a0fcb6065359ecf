import { signWebhook } from '@opencom/webhooks';
import packageJson from '../../../package.json' with { type: 'json' };
import { truncate } from '../../output/format';
import type { FeedEvent } from './event-line';

export interface ForwardTarget {
  url: string;
  /** The local `whsec_` secret the receiver verifies with. */
  secret: string;
  /** Extra request headers (`--forward-header`); they cannot replace the signed ones. */
  headers: Record<string, string>;
  timeoutMs: number;
}

export interface ForwardResult {
  /** The receiver's status code; null when no response came (see `error`). */
  status: number | null;
  error: string | null;
  durationMs: number;
  /** The start of the response body, for a non-2xx answer. */
  excerpt: string | null;
}

const USER_AGENT = `Opencom-Webhooks/1.0 (opencom-cli/${packageJson.version} events tail)`;

/**
 * POSTs one event to the local receiver as the server's delivery worker would (spec `webhooks:`;
 * mock-server engine/delivery/signed-request.ts): the event envelope as the body, `webhook-id` the
 * event ID, `webhook-timestamp` now in seconds, `webhook-signature` `v1,<HMAC>` over
 * `id.timestamp.body`, redirects not followed. Never throws: a transport failure is an `error`.
 */
export async function forwardEvent(
  event: FeedEvent,
  target: ForwardTarget,
  signal: AbortSignal,
): Promise<ForwardResult> {
  const body = JSON.stringify(event);
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = await signWebhook({ id: event.id, timestamp, body, secret: target.secret });
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.any([signal, AbortSignal.timeout(target.timeoutMs)]),
      headers: {
        ...target.headers,
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        'webhook-id': event.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signature,
      },
      body,
    });
    const text = await response.text();
    const ok = response.status >= 200 && response.status < 300;
    return {
      status: response.status,
      error: null,
      durationMs: elapsed(),
      excerpt: ok || text === '' ? null : truncate(text, 120),
    };
  } catch (error) {
    return {
      status: null,
      error: describeFailure(error, signal, target),
      durationMs: elapsed(),
      excerpt: null,
    };
  }
}

/** `→ 200 in 12ms`, `→ 500 in 3ms: <body>`, `→ connection refused ...`. */
export function forwardLine(result: ForwardResult): string {
  if (result.status === null) return `  → ${result.error}`;
  const redirect = result.status >= 300 && result.status < 400 ? ' (redirects are not followed)' : '';
  return `  → ${result.status} in ${result.durationMs}ms${redirect}${result.excerpt ? `: ${result.excerpt}` : ''}`;
}

function describeFailure(error: unknown, signal: AbortSignal, target: ForwardTarget): string {
  if (signal.aborted) return 'interrupted';
  if (error instanceof Error && error.name === 'TimeoutError')
    return `no answer within ${target.timeoutMs}ms`;
  // undici puts the system error in `cause` (several addresses fail together as an AggregateError).
  const cause =
    error instanceof Error
      ? (error.cause as { code?: string; errors?: Array<{ code?: string }> } | undefined)
      : undefined;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  if (code === 'ECONNREFUSED') return `connection refused: is your receiver running at ${target.url}?`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot resolve ${new URL(target.url).hostname}`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the receiver closed the connection';
  return `request failed: ${error instanceof Error ? error.message : String(error)}${code ? ` (${code})` : ''}`;
}
