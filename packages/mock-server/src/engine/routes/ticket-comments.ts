import type { components } from '../../generated/openapi';
import type { RouteTable } from '../context';
import { created, ok } from '../http/json';
import type { TicketCommentRow } from '../store/store';
import { ticketOr404, toTicket } from './ticket-record';

type TicketComment = components['schemas']['TicketComment'];

/** A stored comment as the API shows it (without the workspace it is filed under). */
export function toTicketComment(row: TicketCommentRow): TicketComment {
  return {
    id: row.id,
    ticketId: row.ticketId,
    authorType: row.authorType,
    authorId: row.authorId,
    authorName: row.authorName,
    content: row.content,
    internal: row.internal,
    createdAt: row.createdAt,
  };
}

export const ticketCommentsRoutes: RouteTable = {
  listTicketComments: ({ engine, workspace, path, query }) => {
    const ticket = ticketOr404(engine, workspace.id, path.ticketId);
    return ok(
      engine.page(
        {
          // Per ticket, so a cursor from another ticket's thread is an invalid_cursor, not an empty page.
          list: `listTicketComments:${ticket.id}`,
          index: engine.store.ticketComments.index('byTicket'),
          prefix: [ticket.id],
          limit: query.limit ?? 20,
          cursor: query.cursor,
        },
        toTicketComment,
      ),
    );
  },

  createTicketComment: ({ engine, workspace, credential, path, body, now, audit, emit }) => {
    const ticket = ticketOr404(engine, workspace.id, path.ticketId);
    // Comments do not change the ticket: its status and updatedAt stay (spec: createTicketComment).
    const row = engine.store.ticketComments.insert({
      id: engine.ids.next('tcm'),
      workspaceId: workspace.id,
      ticketId: ticket.id,
      authorType: 'automation',
      authorId: credential.id,
      authorName: credential.actorName,
      content: body.content,
      internal: body.internal ?? false,
      createdAt: now,
    });
    const comment = toTicketComment(row);
    audit('ticket_comment.create', { type: 'ticket_comment', id: row.id });
    // Internal notes are for agents only, so they are never announced to integrations.
    if (!row.internal) {
      emit('ticket.comment_added', { type: 'ticket', id: ticket.id }, { ticket: toTicket(ticket), comment });
    }
    return created(comment);
  },
};
