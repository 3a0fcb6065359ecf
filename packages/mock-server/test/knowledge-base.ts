/**
 * Helpers shared by the articles, collections and search suites: create through the public API and
 * read a workspace's event ledger.
 */
import { expect } from 'vitest';
import type { MockServer } from '../src/index';
import { ALL_SCOPES, request, type TestWorkspace } from './support';

/**
 * The event ledger of a workspace, oldest first. Read from the store because the event feed is
 * another module; what matters here is what the routes appended.
 */
export function eventsOf(server: MockServer, workspaceId: string) {
  return [...server.store.events.index('sequence').scan([workspaceId])].map((e) => ({
    type: e.type,
    resource: e.resource,
    data: e.data,
  }));
}

/** Records events from now on: `.types()` and `.all()` return only those appended since. */
export function watchEvents(server: MockServer, workspaceId: string) {
  const before = eventsOf(server, workspaceId).length;
  const all = () => eventsOf(server, workspaceId).slice(before);
  return { all, types: () => all().map((e) => e.type) };
}

/** A second workspace on the same server, with its own all-scopes key. */
export async function otherWorkspace(ws: TestWorkspace): Promise<TestWorkspace> {
  const workspace = await request<{ id: string }>(ws.server, 'POST /__control/workspaces', {
    body: { name: 'Other' },
  });
  const credential = await request<{ id: string; secret: string }>(ws.server, 'POST /__control/credentials', {
    body: { workspaceId: workspace.body.id, name: 'Other bot', actorName: 'other-bot', scopes: ALL_SCOPES },
  });
  expect(credential.status).toBe(201);
  return {
    ...ws,
    workspaceId: workspace.body.id,
    key: credential.body.secret,
    credentialId: credential.body.id,
  };
}

/** The workspace's audited actions on articles and collections, oldest first. */
export async function knowledgeAudit(ws: TestWorkspace) {
  const response = await request(
    ws.server,
    `GET /__control/audit-log?workspaceId=${ws.workspaceId}&limit=100`,
  );
  return (
    response.body.data as { action: string; target: { type: string; id: string }; credentialId: string }[]
  )
    .filter((entry) => /^(article|collection)\./.test(entry.action))
    .reverse();
}

// biome-ignore lint/suspicious/noExplicitAny: tests assert on loosely typed JSON bodies
type Json = any;

/** POST /articles, expecting 201. */
export async function createArticle(ws: TestWorkspace, body: Record<string, unknown>): Promise<Json> {
  const response = await request(ws.server, 'POST /api/v1/articles', {
    key: ws.key,
    body: { content: '', ...body },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

/** POST /collections, expecting 201. */
export async function createCollection(ws: TestWorkspace, body: Record<string, unknown>): Promise<Json> {
  const response = await request(ws.server, 'POST /api/v1/collections', { key: ws.key, body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}
