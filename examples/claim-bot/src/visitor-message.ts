import { isEvent, type OpencomEvent } from '@opencom/webhooks';

/** A visitor wrote in a conversation: what the event feed or a webhook tells the bot. */
export interface VisitorMessage {
  conversationId: string;
  content: string;
}

/**
 * The visitor message an event carries, or null for every other event (including the bot's own
 * replies and human agents' messages, which are `message.created` too).
 */
export function visitorMessageOf(event: OpencomEvent): VisitorMessage | null {
  if (!isEvent(event, 'message.created') || event.data.senderType !== 'visitor') return null;
  return { conversationId: event.data.conversationId, content: event.data.content };
}
