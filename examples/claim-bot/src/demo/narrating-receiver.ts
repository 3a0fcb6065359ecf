import { createDeduper, type Deduper, isKnownEvent, type OpencomEvent } from '@opencom/webhooks';
import { startWebhookReceiver, type WebhookReceiver } from '../webhook-receiver';

/** What the receiver saw, in arrival order; deliveries go out one at a time, so that is event order. */
export interface ReceiverNote {
  outcome: 'verified' | 'failed' | 'duplicate';
  eventType: string;
  /** The delivery's `webhook-id` (the event id): the same on every retry and replay. */
  webhookId: string;
  summary: string;
  /** Verified after earlier deliveries of the same `webhook-id` failed here (a retry or a replay). */
  afterFailure?: boolean;
}

export interface NarratingReceiver extends WebhookReceiver {
  notes: ReceiverNote[];
  /**
   * Until {@link fix} is called, the handler throws on every delivery of this event type (say, the help
   * desk it forwards escalations to is down): the receiver answers 500 and never acknowledges them.
   */
  breakFor(eventType: string): void;
  fix(): void;
}

/**
 * The claim bot's webhook receiver (verify, dedupe on `webhook-id`) with a handler that writes down
 * what arrived, so the demo can tell it. `names` turns a conversation ID into its visitor's name.
 *
 * The deduper remembers only ids whose handler succeeded (a throw releases the id), so a delivery the
 * receiver answered 500 to is new when it comes back as a retry or a replay; one it answered 2xx is not.
 */
export async function startNarratingReceiver(
  secret: string,
  names: (conversationId: string) => string,
): Promise<NarratingReceiver> {
  const notes: ReceiverNote[] = [];
  let broken: string | null = null;
  const failedIds = new Set<string>();
  const inner = createDeduper();
  // The deduper answers a duplicate without running the handler; wrap it to see those too.
  const deduper: Deduper = {
    ...inner,
    async run(id, handler) {
      const result = await inner.run(id, handler);
      if (result.status === 'duplicate') {
        notes.push({ outcome: 'duplicate', eventType: 'event', webhookId: id, summary: 'a redelivery' });
      }
      return result;
    },
  };
  const receiver = await startWebhookReceiver({
    secret,
    deduper,
    onEvent(event, { webhookId }) {
      const summary = summarize(event, names);
      if (broken === event.type) {
        notes.push({ outcome: 'failed', eventType: event.type, webhookId, summary });
        failedIds.add(webhookId);
        throw new Error('demo: the receiver fails this delivery on purpose');
      }
      const afterFailure = failedIds.has(webhookId);
      notes.push({ outcome: 'verified', eventType: event.type, webhookId, summary, afterFailure });
    },
  });
  return {
    ...receiver,
    notes,
    breakFor(eventType) {
      broken = eventType;
    },
    fix() {
      broken = null;
    },
  };
}

function summarize(event: OpencomEvent, names: (conversationId: string) => string): string {
  if (!isKnownEvent(event)) return event.type;
  switch (event.type) {
    case 'message.created': {
      const { senderType, actorName, conversationId } = event.data;
      const visitor = names(conversationId);
      return senderType === 'visitor'
        ? `${visitor} wrote`
        : `${actorName ?? senderType} replied to ${visitor}`;
    }
    case 'conversation.escalated':
      return `${names(event.resource.id)}'s conversation went to a human`;
    default:
      return event.type;
  }
}
