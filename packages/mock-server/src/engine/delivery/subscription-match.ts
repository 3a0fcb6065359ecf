import type { EngineState } from '../context';
import type { EventRow, WebhookRow } from '../store/store';

/** The channel of the conversation an event is about, or undefined for other resources. */
function channelOf(engine: EngineState, event: EventRow): string | undefined {
  const { conversations, messages } = engine.store;
  const data = event.data as {
    channel?: unknown;
    conversationId?: unknown;
    conversation?: { channel?: unknown };
  };
  if (event.resource.type === 'conversation') {
    // Conversation snapshots carry the channel; claim events nest the conversation (ClaimEventData).
    const channel = data.channel ?? data.conversation?.channel;
    if (typeof channel === 'string') return channel;
    return conversations.get(event.resource.id)?.channel;
  }
  if (event.resource.type === 'message') {
    const conversationId =
      typeof data.conversationId === 'string'
        ? data.conversationId
        : messages.get(event.resource.id)?.conversationId;
    return conversationId === undefined ? undefined : conversations.get(conversationId)?.channel;
  }
  return undefined;
}

/**
 * Whether an event goes to a subscription: every non-empty filter must match (spec:
 * createWebhook). `channels` applies to conversation and message events only.
 */
export function subscriptionMatches(engine: EngineState, subscription: WebhookRow, event: EventRow): boolean {
  const { eventTypes, resourceTypes, channels } = subscription;
  if (eventTypes.length > 0 && !(eventTypes as readonly string[]).includes(event.type)) return false;
  if (resourceTypes.length > 0 && !(resourceTypes as readonly string[]).includes(event.resource.type)) {
    return false;
  }
  if (channels.length > 0 && (event.resource.type === 'conversation' || event.resource.type === 'message')) {
    const channel = channelOf(engine, event);
    if (channel === undefined || !(channels as readonly string[]).includes(channel)) return false;
  }
  return true;
}
