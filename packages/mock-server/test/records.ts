/**
 * What a write leaves behind, for resource tests: the events it emitted, its audit entries, and a key
 * of a second workspace to prove another workspace's IDs stay invisible.
 */
import type { MockServer } from '../src/index';
import { ALL_SCOPES, request } from './support';

export interface EmittedEvent {
  type: string;
  workspaceId: string;
  resource: { type: string; id: string };
  // biome-ignore lint/suspicious/noExplicitAny: tests assert on loosely typed snapshots
  data: any;
}

/**
 * The events of `type`, oldest first. The ledger is read directly: the event feed (`GET /events`) is a
 * separate module, and these tests are about what the resource routes emit.
 */
export function emitted(server: MockServer, type: string): EmittedEvent[] {
  return [...server.store.events.values()]
    .filter((event) => event.type === type)
    .sort((a, b) => a.seq - b.seq)
    .map(({ type: t, workspaceId, resource, data }) => ({ type: t, workspaceId, resource, data }));
}

/**
 * The actions a credential's requests left in the audit log (through the control API), sorted by
 * name: entries written in the same clock millisecond have no order of their own.
 */
export async function auditActions(server: MockServer, credentialId: string): Promise<string[]> {
  const page = await request<{ data: { action: string }[] }>(
    server,
    `GET /__control/audit-log?credentialId=${credentialId}&limit=100`,
  );
  return page.body.data.map((entry) => entry.action).sort();
}

/** An all-scopes key of a second workspace on the same server. */
export async function foreignKey(server: MockServer): Promise<string> {
  const workspace = await request<{ id: string }>(server, 'POST /__control/workspaces', {
    body: { name: 'Other' },
  });
  const credential = await request<{ secret: string }>(server, 'POST /__control/credentials', {
    body: { workspaceId: workspace.body.id, name: 'Other', actorName: 'other-bot', scopes: ALL_SCOPES },
  });
  return credential.body.secret;
}
