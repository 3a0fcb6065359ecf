// packages/webhooks/README.md, "Typed events".
declare const event: OpencomEvent;
declare function openTicket(conversationId: string): void;
declare function index(message: { id: string; content: string }): void;

// #region sample
import { isEvent, isKnownEvent, type OpencomEvent } from '@opencom/webhooks';

function route(event: OpencomEvent) {
  if (!isKnownEvent(event)) return; // event: UnknownEvent, event.data: unknown
  switch (event.type) {
    case 'conversation.created':
      return openTicket(event.data.id); // data typed for conversation.created
  }
}

if (isEvent(event, 'message.created')) index(event.data); // one type
// #endregion
