import type { components } from '../../generated/openapi';
import type { EngineState } from '../context';
import { rowInWorkspace } from '../store/in-workspace';
import type { TicketRow } from '../store/store';

type Ticket = components['schemas']['Ticket'];

/** A stored ticket as the API shows it (a copy, so an event snapshot never changes later). */
export function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    externalId: row.externalId,
    conversationId: row.conversationId,
    visitorId: row.visitorId,
    subject: row.subject,
    description: row.description,
    status: row.status,
    priority: row.priority,
    assigneeId: row.assigneeId,
    resolutionSummary: row.resolutionSummary,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    resolvedAt: row.resolvedAt,
  };
}

/** A ticket of the caller's workspace, or 404 (another workspace's IDs are never visible). */
export function ticketOr404(engine: EngineState, workspaceId: string, id: string): TicketRow {
  return rowInWorkspace(engine.store.tickets, workspaceId, id, 'ticket');
}
