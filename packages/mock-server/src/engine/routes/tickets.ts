import type { components } from '../../generated/openapi';
import type { RequestContext, RouteTable } from '../context';
import { created, ok } from '../http/json';
import { type FieldError, problems } from '../http/problem';
import type { TicketRow } from '../store/store';
import { assertExternalIdFree, moveExternalId } from './external-ids';
import { ticketCommentsRoutes } from './ticket-comments';
import { ticketOr404, toTicket } from './ticket-record';

type S = components['schemas'];
type TicketStatus = S['TicketStatus'];

/** The status table of spec/components/schemas/ticket.yaml (`TicketStatus`). */
const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  submitted: ['in_progress', 'waiting_on_customer', 'resolved'],
  in_progress: ['waiting_on_customer', 'resolved'],
  waiting_on_customer: ['in_progress', 'resolved'],
  resolved: ['in_progress'],
};

/**
 * The ticket's visitor and conversation, checked against the workspace: an unknown one, or a visitor
 * that is not the conversation's, is a 400 on that field. The visitor defaults to the conversation's.
 */
function resolveLinks(
  { engine, workspace }: Pick<RequestContext, 'engine' | 'workspace'>,
  body: S['TicketCreate'],
): { conversationId: string | null; visitorId: string | null } {
  const errors: FieldError[] = [];
  const conversation =
    body.conversationId === undefined ? undefined : engine.store.conversations.get(body.conversationId);
  if (body.conversationId !== undefined && conversation?.workspaceId !== workspace.id) {
    errors.push({ pointer: '/body/conversationId', message: 'is not a conversation of this workspace' });
  }
  const visitor = body.visitorId === undefined ? undefined : engine.store.visitors.get(body.visitorId);
  if (body.visitorId !== undefined && visitor?.workspaceId !== workspace.id) {
    errors.push({ pointer: '/body/visitorId', message: 'is not a visitor of this workspace' });
  } else if (body.visitorId !== undefined && conversation && conversation.visitorId !== body.visitorId) {
    errors.push({ pointer: '/body/visitorId', message: 'is not the visitor of conversationId' });
  }
  if (errors.length > 0) throw problems.validation(errors);
  return {
    conversationId: body.conversationId ?? null,
    visitorId: body.visitorId ?? conversation?.visitorId ?? null,
  };
}

export const ticketsRoutes: RouteTable = {
  listTickets: ({ engine, workspace, query }) => {
    const { tickets } = engine.store;
    const filter = (row: TicketRow): boolean =>
      (query.status === undefined || row.status === query.status) &&
      (query.priority === undefined || row.priority === query.priority) &&
      (query.assignee === undefined ||
        (query.assignee === 'none'
          ? row.assigneeId === null
          : query.assignee === 'any'
            ? row.assigneeId !== null
            : row.assigneeId === query.assignee)) &&
      (query.visitorId === undefined || row.visitorId === query.visitorId) &&
      (query.conversationId === undefined || row.conversationId === query.conversationId);
    const sync = query.updatedSince !== undefined;
    const byStatus = !sync && query.status !== undefined;
    return ok(
      engine.page(
        {
          list: sync ? 'listTickets:updated' : byStatus ? 'listTickets:status' : 'listTickets:created',
          index: tickets.index(sync ? 'updated' : byStatus ? 'status' : 'created'),
          prefix: byStatus ? [workspace.id, query.status as TicketStatus] : [workspace.id],
          // Sync order: (updatedAt, id) ascending from updatedSince; otherwise newest first.
          ...(sync ? { start: [workspace.id, query.updatedSince as number] } : { reverse: true }),
          limit: query.limit ?? 20,
          cursor: query.cursor,
          filter,
        },
        toTicket,
      ),
    );
  },

  createTicket: (ctx) => {
    const { engine, workspace, body, now } = ctx;
    const links = resolveLinks(ctx, body);
    assertExternalIdFree(engine, workspace.id, 'ticket', body.externalId ?? null);
    const row = engine.store.tickets.insert({
      id: engine.ids.next('tkt'),
      workspaceId: workspace.id,
      externalId: body.externalId ?? null,
      ...links,
      subject: body.subject,
      description: body.description ?? null,
      status: 'submitted',
      priority: body.priority ?? 'normal',
      // The reference server keeps no agent directory, so it cannot refuse an unknown agent: any ID goes.
      assigneeId: body.assigneeId ?? null,
      resolutionSummary: null,
      createdAt: now,
      updatedAt: now,
      resolvedAt: null,
    });
    moveExternalId(engine, workspace.id, 'ticket', row.id, null, row.externalId);
    const ticket = toTicket(row);
    ctx.audit('ticket.create', { type: 'ticket', id: row.id });
    ctx.emit('ticket.created', { type: 'ticket', id: row.id }, ticket);
    return created(ticket, `/api/v1/tickets/${row.id}`);
  },

  getTicket: ({ engine, workspace, path }) => ok(toTicket(ticketOr404(engine, workspace.id, path.ticketId))),

  updateTicket: (ctx) => {
    const { engine, workspace, body, now } = ctx;
    const row = ticketOr404(engine, workspace.id, ctx.path.ticketId);
    const status = body.status;
    // Setting the status the ticket already has is not a transition and always succeeds.
    if (status !== undefined && status !== row.status && !TRANSITIONS[row.status].includes(status)) {
      throw problems.invalidTransition(`A ${row.status} ticket cannot move to ${status}.`);
    }
    const externalId = body.externalId;
    if (externalId !== undefined) assertExternalIdFree(engine, workspace.id, 'ticket', externalId, row.id);
    const previousExternalId = row.externalId;
    const previousStatus = row.status;
    engine.store.tickets.update(row, (r) => {
      if (body.subject !== undefined) r.subject = body.subject;
      if (body.description !== undefined) r.description = body.description;
      if (body.priority !== undefined) r.priority = body.priority;
      if (body.assigneeId !== undefined) r.assigneeId = body.assigneeId;
      if (body.resolutionSummary !== undefined) r.resolutionSummary = body.resolutionSummary;
      if (externalId !== undefined) r.externalId = externalId;
      if (status !== undefined && status !== previousStatus) {
        r.status = status;
        // Resolving stamps resolvedAt; reopening (the only way out of resolved) clears it.
        r.resolvedAt = status === 'resolved' ? now : null;
      }
      r.updatedAt = now;
    });
    moveExternalId(engine, workspace.id, 'ticket', row.id, previousExternalId, row.externalId);
    const ticket = toTicket(row);
    ctx.audit('ticket.update', { type: 'ticket', id: row.id });
    ctx.emit('ticket.updated', { type: 'ticket', id: row.id }, ticket);
    return ok(ticket);
  },

  ...ticketCommentsRoutes,
};
