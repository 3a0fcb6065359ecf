import { createDeduper, type Deduper, isKnownEvent, type OpencomEvent } from '@opencom/webhooks';
import { startWebhookReceiver, type WebhookReceiver } from '../webhook-receiver';

/** What the receiver saw, in arrival order; deliveries go out one at a time, so that is event order. */
export interface ReceiverNote {
  outcome: 'verified' | 'failed' | 'duplicate';
  eventType: string;
  summary: string;
}

export interface NarratingReceiver extends WebhookReceiver {
  notes: ReceiverNote[];
  /** The next delivery of this event type makes the handler throw once: the receiver answers 500. */
  failOnce(eventType: string): void;
}

/**
 * The claim bot's webhook receiver (verify, dedupe on `webhook-id`) with a handler that writes down
 * what arrived, so the demo can tell it. `names` turns a conversation ID into its visitor's name.
 */
export async function startNarratingReceiver(
  secret: string,
  names: (conversationId: string) => string,
): Promise<NarratingReceiver> {
  const notes: ReceiverNote[] = [];
  let failing: string | null = null;
  const inner = createDeduper();
  // The deduper answers a duplicate without running the handler; wrap it to see those too.
  const deduper: Deduper = {
    ...inner,
    async run(id, handler) {
      const result = await inner.run(id, handler);
      if (result.status === 'duplicate') {
        notes.push({
          outcome: 'duplicate',
          eventType: 'event',
          summary: 'a delivery of an event handled already',
        });
      }
      return result;
    },
  };
  const receiver = await startWebhookReceiver({
    secret,
    deduper,
    onEvent(event) {
      const summary = summarize(event, names);
      if (failing === event.type) {
        failing = null;
        notes.push({ outcome: 'failed', eventType: event.type, summary });
        throw new Error('demo: the receiver fails this delivery once, on purpose');
      }
      notes.push({ outcome: 'verified', eventType: event.type, summary });
    },
  });
  return {
    ...receiver,
    notes,
    failOnce(eventType) {
      failing = eventType;
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
