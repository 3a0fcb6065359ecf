import type { components as control } from '../../generated/control';
import type { components } from '../../generated/openapi';
import { Table } from './table';

type S = components['schemas'];

export type WorkspaceRow = control['schemas']['Workspace'];
/** A credential as stored: the public fields plus the SHA-256 of its secret (never the secret). */
export type CredentialRow = control['schemas']['Credential'] & { secretHash: string };
/** A conversation as stored; `claim`, `automationEligible` are computed when it is read. */
export type ConversationRow = Omit<S['Conversation'], 'claim' | 'automationEligible'> & {
  claimId: string | null;
};
/** A claim as stored; `id` repeats `claimId` so it fits a Table. */
export type ClaimRow = S['Claim'] & { id: string; workspaceId: string };
export type MessageRow = S['Message'] & { workspaceId: string };
export type VisitorRow = S['Visitor'];
export type TicketRow = S['Ticket'];
export type TicketCommentRow = S['TicketComment'] & { workspaceId: string };
export type ArticleRow = S['Article'];
export type CollectionRow = Omit<S['Collection'], 'articleCount'>;
export type OutboundMessageRow = S['OutboundMessage'];
export type CustomEventRow = S['CustomEvent'];
export type EventRow = S['Event'] & { seq: number };
export type AuditRow = control['schemas']['AuditEntry'];

/** Newest first by creation, and the `(updatedAt, id)` order that sync lists use. */
const byCreation = <R extends { workspaceId: string; createdAt: number; id: string }>(r: R) =>
  [r.workspaceId, r.createdAt, r.id] as const;
const byUpdate = <R extends { workspaceId: string; updatedAt: number; id: string }>(r: R) =>
  [r.workspaceId, r.updatedAt, r.id] as const;

/** Every table of the reference server, with the indexes its queries need. */
export function createStore() {
  return {
    workspaces: new Table<WorkspaceRow, 'created'>({ created: (r) => [r.createdAt, r.id] }),
    credentials: new Table<CredentialRow, 'byWorkspace'>({ byWorkspace: byCreation }),
    /** SHA-256 of a secret → credential ID, for the current secret and for rotated-away ones. */
    secretHashes: new Map<string, { credentialId: string; current: boolean }>(),
    conversations: new Table<ConversationRow, 'created' | 'updated' | 'status'>({
      created: byCreation,
      updated: byUpdate,
      status: (r) => [r.workspaceId, r.status, r.createdAt, r.id],
    }),
    claims: new Table<ClaimRow, 'byConversation'>({
      byConversation: (r) => [r.conversationId, r.createdAt, r.claimId],
    }),
    messages: new Table<MessageRow, 'byConversation'>({
      byConversation: (r) => [r.conversationId, r.createdAt, r.id],
    }),
    visitors: new Table<VisitorRow, 'created' | 'updated'>({ created: byCreation, updated: byUpdate }),
    tickets: new Table<TicketRow, 'created' | 'updated'>({ created: byCreation, updated: byUpdate }),
    ticketComments: new Table<TicketCommentRow, 'byTicket'>({
      byTicket: (r) => [r.ticketId, r.createdAt, r.id],
    }),
    articles: new Table<ArticleRow, 'created' | 'updated'>({ created: byCreation, updated: byUpdate }),
    collections: new Table<CollectionRow, 'created' | 'updated' | 'byParent'>({
      created: byCreation,
      updated: byUpdate,
      byParent: (r) => [r.workspaceId, r.parentId ?? '', r.order, r.id],
    }),
    outboundMessages: new Table<OutboundMessageRow, 'created' | 'updated'>({
      created: byCreation,
      updated: byUpdate,
    }),
    customEvents: new Table<CustomEventRow, 'occurred'>({
      occurred: (r) => [r.workspaceId, r.occurredAt, r.id],
    }),
    events: new Table<EventRow, 'sequence'>({ sequence: (r) => [r.workspaceId, r.seq] }),
    audit: new Table<AuditRow, 'created'>({ created: byCreation }),
    /** Unique keys per workspace: `${workspaceId}:${kind}:${value}` → row ID. */
    unique: new Map<string, string>(),
  };
}

export type Store = ReturnType<typeof createStore>;
