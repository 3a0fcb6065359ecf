import type { ControlHandler, Engine } from '../engine/engine';
import { created } from '../engine/http/json';
import { previewOf } from '../engine/routes/messages';
import { slugKey } from '../engine/routes/slugs';
import type { ConversationRow, MessageRow, VisitorRow, WorkspaceRow } from '../engine/store/store';
import type { components } from '../generated/control';
import type { components as api } from '../generated/openapi';
import { issueCredential } from './credentials';
import {
  DEMO_COLLECTIONS,
  DEMO_CONVERSATIONS,
  DEMO_VISITORS,
  type DemoConversation,
  KNOWLEDGE_BASE_AGO,
} from './demo-content';
import { createWorkspace } from './workspaces';

type SeedResult = components['schemas']['SeedResult'];
type SeedRequest = components['schemas']['SeedRequest'];
type Counts = SeedResult['counts'];

/** Every scope, checked against the spec's list so a new scope cannot be forgotten here. */
const SCOPES: Record<api['schemas']['Scope'], true> = {
  'conversations.read': true,
  'conversations.write': true,
  'messages.read': true,
  'messages.write': true,
  'visitors.read': true,
  'visitors.write': true,
  'tickets.read': true,
  'tickets.write': true,
  'articles.read': true,
  'articles.write': true,
  'collections.read': true,
  'collections.write': true,
  'outbound.read': true,
  'outbound.write': true,
  'events.read': true,
  'events.write': true,
  'webhooks.manage': true,
  'claims.manage': true,
};
const ALL_SCOPES = Object.keys(SCOPES) as api['schemas']['Scope'][];

const DEFAULT_NAMES = { demo: 'Demo workspace', empty: 'Empty workspace' } as const;

function seeded(engine: Engine, workspace: WorkspaceRow, counts: Counts): SeedResult {
  const credential = issueCredential(engine, {
    workspaceId: workspace.id,
    name: 'Demo key',
    actorName: 'demo-bot',
    scopes: ALL_SCOPES,
  });
  return { workspace, credential, counts };
}

function seedVisitors(engine: Engine, workspaceId: string, now: number): VisitorRow[] {
  return DEMO_VISITORS.map((visitor, index) => {
    const firstSeenAt = now - visitor.firstSeenAgo;
    // Last widget activity: the visitor's latest chat message, if any.
    const chats = DEMO_CONVERSATIONS.filter((c) => c.visitor === index && c.channel === 'chat');
    const latestAgo = Math.min(
      ...chats.flatMap((c) => c.messages.filter((m) => m.from === 'visitor').map((m) => m.ago)),
    );
    return engine.store.visitors.insert({
      id: engine.ids.next('vis'),
      workspaceId,
      externalId: null,
      externalUserId: visitor.externalUserId,
      email: visitor.email,
      name: visitor.name,
      location: { ...visitor.location },
      customAttributes: { ...visitor.customAttributes },
      firstSeenAt,
      lastSeenAt: Number.isFinite(latestAgo) ? now - latestAgo : firstSeenAt,
      createdAt: firstSeenAt,
      updatedAt: firstSeenAt,
    });
  });
}

function seedConversation(engine: Engine, demo: DemoConversation, visitor: VisitorRow, now: number): void {
  const times = demo.messages.map((m) => now - m.ago);
  const inbound = demo.messages.filter((m) => m.from === 'visitor').at(-1);
  const row: ConversationRow = engine.store.conversations.insert({
    id: engine.ids.next('conv'),
    workspaceId: visitor.workspaceId,
    visitorId: visitor.id,
    assignedAgentId: demo.assignedAgentId,
    status: demo.status,
    channel: demo.channel,
    subject: demo.subject,
    aiWorkflowState: 'none',
    aiHandoffReason: null,
    createdAt: Math.min(...times),
    updatedAt: Math.max(...times),
    lastMessageAt: Math.max(...times),
    lastInboundMessageAt: inbound ? now - inbound.ago : null,
    lastInboundMessagePreview: inbound ? previewOf(inbound.content) : null,
    claimId: null,
  });
  for (const message of demo.messages) {
    const fromVisitor = message.from === 'visitor';
    const stored: MessageRow = {
      id: engine.ids.next('msg'),
      workspaceId: row.workspaceId,
      conversationId: row.id,
      senderType: fromVisitor ? 'visitor' : 'agent',
      senderId: fromVisitor ? visitor.id : message.from,
      actorName: null,
      content: message.content,
      createdAt: now - message.ago,
    };
    engine.store.messages.insert(stored);
  }
}

function seedKnowledgeBase(engine: Engine, workspaceId: string, now: number): number {
  let articles = 0;
  let at = now - KNOWLEDGE_BASE_AGO;
  DEMO_COLLECTIONS.forEach((collection, collectionOrder) => {
    const collectionId = engine.ids.next('col');
    engine.store.collections.insert({
      id: collectionId,
      workspaceId,
      externalId: null,
      name: collection.name,
      slug: collection.slug,
      description: collection.description,
      icon: collection.icon,
      parentId: null,
      order: collectionOrder,
      createdAt: at,
      updatedAt: at,
    });
    engine.store.unique.set(slugKey(workspaceId, 'collection', collection.slug), collectionId);
    collection.articles.forEach((article, order) => {
      // An hour apart, so lists by creation show the knowledge base in the order it was written.
      at += 60 * 60_000;
      const id = engine.ids.next('art');
      engine.store.articles.insert({
        id,
        workspaceId,
        externalId: null,
        collectionId,
        title: article.title,
        slug: article.slug,
        content: article.content,
        visibility: article.visibility,
        status: article.status,
        order,
        tags: [...article.tags],
        createdAt: at,
        updatedAt: at,
        publishedAt: article.status === 'published' ? at : null,
      });
      engine.store.unique.set(slugKey(workspaceId, 'article', article.slug), id);
      articles++;
    });
  });
  return articles;
}

/**
 * Seeds the `demo` preset: visitors, open and closed conversations with their messages, and a
 * knowledge base, plus an all-scopes credential whose secret is returned once. Emits no events.
 *
 * @example
 * const { credential } = seedDemoWorkspace(server);
 * const raw = createRawClient({ apiKey: credential.secret, baseUrl: 'http://127.0.0.1:4010' });
 * @see spec/control/server.yaml (seedWorkspace)
 */
export function seedDemoWorkspace(engine: Engine, name: string = DEFAULT_NAMES.demo): SeedResult {
  const workspace = createWorkspace(engine, name);
  const now = engine.clock.now();
  const visitors = seedVisitors(engine, workspace.id, now);
  for (const conversation of DEMO_CONVERSATIONS) {
    const visitor = visitors[conversation.visitor];
    if (visitor) seedConversation(engine, conversation, visitor, now);
  }
  const articles = seedKnowledgeBase(engine, workspace.id, now);
  return seeded(engine, workspace, {
    visitors: visitors.length,
    conversations: DEMO_CONVERSATIONS.length,
    articles,
    collections: DEMO_COLLECTIONS.length,
  });
}

/** Seeds the `empty` preset: a workspace and an all-scopes credential only. */
export function seedEmptyWorkspace(engine: Engine, name: string = DEFAULT_NAMES.empty): SeedResult {
  return seeded(engine, createWorkspace(engine, name), {
    visitors: 0,
    conversations: 0,
    articles: 0,
    collections: 0,
  });
}

export const seedRoutes: Record<string, ControlHandler> = {
  seedWorkspace: ({ engine, body }) => {
    const { preset, workspaceName } = body as SeedRequest;
    const seed = preset === 'demo' ? seedDemoWorkspace : seedEmptyWorkspace;
    return created(seed(engine, workspaceName));
  },
};
