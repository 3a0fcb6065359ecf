import type { components } from '@opencom/sdk';
import type { Context } from '../../context';
import { formatTime } from '../../output/format';

export type Ticket = components['schemas']['Ticket'];

// The spec's enums, checked complete by the types.
const STATUSES: Record<Ticket['status'], true> = {
  submitted: true,
  in_progress: true,
  waiting_on_customer: true,
  resolved: true,
};
export const TICKET_STATUSES = Object.keys(STATUSES);
const PRIORITIES: Record<Ticket['priority'], true> = { low: true, normal: true, high: true, urgent: true };
export const TICKET_PRIORITIES = Object.keys(PRIORITIES);

/** One ticket as label / value lines. */
export function showTicket(ctx: Context, ticket: Ticket): void {
  ctx.output.fields([
    ['id', ticket.id],
    ['subject', ticket.subject],
    ['status', ticket.status],
    ['priority', ticket.priority],
    ['assignee', ticket.assigneeId],
    ['conversation', ticket.conversationId],
    ['visitor', ticket.visitorId],
    ['external id', ticket.externalId],
    ['created', formatTime(ticket.createdAt)],
    ['updated', formatTime(ticket.updatedAt)],
    ['resolved', formatTime(ticket.resolvedAt)],
    ['resolution', ticket.resolutionSummary],
  ]);
  if (ticket.description) ctx.output.text(`\n${ticket.description}`);
}
