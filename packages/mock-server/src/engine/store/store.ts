import type { components as control } from '../../generated/control';
import type { components } from '../../generated/openapi';
import type { Bm25Index } from '../search/bm25';
import { JournaledMap } from './journaled-map';
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
export type AiSuppressionRow = control['schemas']['AiSuppression'];
/**
 * A webhook subscription as stored: the public fields plus its signing secrets, encrypted at rest
 * (AES-GCM, engine/secrets.ts). `previousSecret` keeps signing until `previousSecretExpiresAt`.
 */
export type WebhookRow = S['WebhookSubscription'] & {
  secretCiphertext: string;
  previousSecretCiphertext: string | null;
  previousSecretExpiresAt: number | null;
  /** When the current run of consecutive failed deliveries began (auto-disable after 24 h). */
  failingSince: number | null;
};
/** A delivery chain as stored, with every attempt. */
export type DeliveryRow = S['WebhookDelivery'] & { workspaceId: string; attempts: S['WebhookAttempt'][] };

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
    secretHashes: new JournaledMap<string, { credentialId: string; current: boolean }>(),
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
    visitors: new Table<VisitorRow, 'created' | 'updated' | 'email'>({
      created: byCreation,
      updated: byUpdate,
      email: (r) => [r.workspaceId, r.email?.toLowerCase() ?? '', r.createdAt, r.id],
    }),
    tickets: new Table<TicketRow, 'created' | 'updated' | 'status'>({
      created: byCreation,
      updated: byUpdate,
      status: (r) => [r.workspaceId, r.status, r.createdAt, r.id],
    }),
    ticketComments: new Table<TicketCommentRow, 'byTicket'>({
      byTicket: (r) => [r.ticketId, r.createdAt, r.id],
    }),
    articles: new Table<ArticleRow, 'created' | 'updated' | 'status' | 'byCollection'>({
      created: byCreation,
      updated: byUpdate,
      status: (r) => [r.workspaceId, r.status, r.createdAt, r.id],
      byCollection: (r) => [r.workspaceId, r.collectionId ?? '', r.createdAt, r.id],
    }),
    collections: new Table<CollectionRow, 'created' | 'updated' | 'byParent' | 'children'>({
      created: byCreation,
      updated: byUpdate,
      byParent: (r) => [r.workspaceId, r.parentId ?? '', r.order, r.id],
      children: (r) => [r.workspaceId, r.parentId ?? '', r.createdAt, r.id],
    }),
    outboundMessages: new Table<OutboundMessageRow, 'created' | 'updated'>({
      created: byCreation,
      updated: byUpdate,
    }),
    customEvents: new Table<CustomEventRow, 'occurred' | 'byVisitor'>({
      occurred: (r) => [r.workspaceId, r.occurredAt, r.id],
      byVisitor: (r) => [r.workspaceId, r.visitorId, r.occurredAt, r.id],
    }),
    events: new Table<EventRow, 'sequence'>({ sequence: (r) => [r.workspaceId, r.seq] }),
    aiSuppressions: new Table<AiSuppressionRow, 'created' | 'all' | 'byConversation'>({
      created: byCreation,
      all: (r) => [r.createdAt, r.id],
      byConversation: (r) => [r.conversationId, r.createdAt, r.id],
    }),
    webhooks: new Table<WebhookRow, 'created'>({ created: byCreation }),
    deliveries: new Table<DeliveryRow, 'created' | 'status' | 'byWebhook' | 'byEvent'>({
      created: byCreation,
      status: (r) => [r.workspaceId, r.status, r.createdAt, r.id],
      byWebhook: (r) => [r.workspaceId, r.webhookId, r.createdAt, r.id],
      byEvent: (r) => [r.workspaceId, r.eventId, r.createdAt, r.id],
    }),
    audit: new Table<AuditRow, 'created' | 'all'>({ created: byCreation, all: (r) => [r.createdAt, r.id] }),
    /** Unique keys per workspace: `${workspaceId}:${kind}:${value}` → row ID. */
    unique: new JournaledMap<string, string>(),
    /** Knowledge search: a BM25 index of each workspace's published articles (search/article-search.ts). */
    articleSearch: new Map<string, Bm25Index>(),
  };
}

export type Store = ReturnType<typeof createStore>;
