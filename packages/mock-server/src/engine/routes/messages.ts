import type { components } from '../../generated/openapi';
import type { EngineState, RouteTable } from '../context';
import { created, ok } from '../http/json';
import type { ConversationRow, MessageRow } from '../store/store';
import { extendLease } from './claim-expiry';
import { heldClaim } from './claim-holder';
import { conversationOr404 } from './conversations';

type Message = components['schemas']['Message'];

/** What a sender supplies; the ID, conversation and time come from {@link appendMessage}. */
export type NewMessage = Pick<Message, 'senderType' | 'senderId' | 'actorName' | 'content'>;

/** Characters of the latest visitor message kept on the conversation (spec: first 200). */
const PREVIEW_LENGTH = 200;

/** `lastInboundMessagePreview`: cut by code point, so an emoji is never split in half. */
export const previewOf = (content: string): string => Array.from(content).slice(0, PREVIEW_LENGTH).join('');

/** A stored message as the API shows it. */
export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversationId,
    senderType: row.senderType,
    senderId: row.senderId,
    actorName: row.actorName,
    content: row.content,
    createdAt: row.createdAt,
  };
}

/**
 * Stores a message and moves the conversation's `lastMessageAt` and `updatedAt` (and, for a visitor,
 * `lastInboundMessageAt` and the preview). Emitting events is the caller's part.
 */
export function appendMessage(
  engine: EngineState,
  conversation: ConversationRow,
  message: NewMessage,
  now: number,
): MessageRow {
  const row = engine.store.messages.insert({
    // Sequential: messages of one millisecond (common on a manual clock) list in write order.
    id: engine.ids.next('msg'),
    workspaceId: conversation.workspaceId,
    conversationId: conversation.id,
    ...message,
    createdAt: now,
  });
  engine.store.conversations.update(conversation, (r) => {
    r.lastMessageAt = now;
    r.updatedAt = now;
    if (message.senderType === 'visitor') {
      r.lastInboundMessageAt = now;
      r.lastInboundMessagePreview = previewOf(message.content);
    }
  });
  return row;
}

export const messagesRoutes: RouteTable = {
  listMessages: ({ engine, workspace, path, query }) => {
    const conversation = conversationOr404(engine, workspace.id, path.conversationId);
    return ok(
      engine.page(
        {
          // Per conversation, so a cursor from another transcript is an invalid_cursor, not an empty page.
          list: `listMessages:${conversation.id}`,
          index: engine.store.messages.index('byConversation'),
          prefix: [conversation.id],
          limit: query.limit ?? 20,
          cursor: query.cursor,
        },
        toMessage,
      ),
    );
  },

  sendMessage: ({ engine, workspace, credential, path, body, now, audit, emit }) => {
    const conversation = conversationOr404(engine, workspace.id, path.conversationId);
    // Only the claim holder speaks for automation; a send keeps its lease alive (spec: sendMessage).
    const claim = heldClaim(engine, conversation, credential.id, now);
    const message = toMessage(
      appendMessage(
        engine,
        conversation,
        {
          senderType: 'automation',
          senderId: `automation:${credential.actorName}`,
          actorName: credential.actorName,
          content: body.content,
        },
        now,
      ),
    );
    extendLease(engine, claim, claim.leaseSeconds, now);
    audit('message.send', { type: 'message', id: message.id });
    emit('message.created', { type: 'message', id: message.id }, message);
    // No Location: messages have no URL of their own (spec: sendMessage 201 headers).
    return created(message);
  },
};
