import * as lists from 'virtual:spec-lists';
import type { Schemas } from './api/types';

// The values come from the spec's own enums (build/spec-lists.ts), so these casts are exact.
/** Every credential scope, for the scope picker. */
export const SCOPES = lists.scopes as readonly Schemas['Scope'][];
/** Every event type, for webhook filters and the event stream's filter. */
export const EVENT_TYPES = lists.eventTypes as readonly Schemas['EventType'][];
/** Every resource type an event can be about. */
export const RESOURCE_TYPES = lists.resourceTypes as readonly Schemas['ResourceType'][];
/** Conversation channels. */
export const CHANNELS = lists.channels as readonly Schemas['Channel'][];
/** Delivery statuses, for the delivery log's filter. */
export const DELIVERY_STATUSES = lists.deliveryStatuses as readonly Schemas['WebhookDeliveryStatus'][];
/** Conversation statuses, for the conversations filter. */
export const CONVERSATION_STATUSES = lists.conversationStatuses as readonly Schemas['ConversationStatus'][];
