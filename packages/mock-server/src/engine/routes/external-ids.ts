import type { EngineState } from '../context';
import { problems } from '../http/problem';

/** The resources whose `externalId` is unique per workspace (and that `PUT …/by-external-id/{externalId}` upserts, for three of them). */
export type ExternalIdKind = 'article' | 'collection' | 'visitor' | 'ticket';

/** `store.unique` key that keeps an external ID unique per workspace and kind. */
const externalIdKey = (workspaceId: string, kind: ExternalIdKind, externalId: string): string =>
  `${workspaceId}:${kind}-external-id:${externalId}`;

/** What the 409 says, per kind: the upsertable kinds point at their upsert route. */
const conflictMessage: Record<ExternalIdKind, (externalId: string, holder: string) => string> = {
  article: (externalId, holder) =>
    `An article with externalId ${externalId} already exists (${holder}); use PUT /articles/by-external-id/{externalId} to update it.`,
  collection: (externalId, holder) =>
    `A collection with externalId ${externalId} already exists (${holder}); use PUT /collections/by-external-id/{externalId} to update it.`,
  visitor: (externalId, holder) => `Visitor ${holder} already has externalId ${externalId}.`,
  ticket: (externalId, holder) => `Ticket ${holder} already has externalId ${externalId}.`,
};

/** The ID of the workspace's row of `kind` holding `externalId`, if any. */
export function externalIdHolder(
  engine: EngineState,
  workspaceId: string,
  kind: ExternalIdKind,
  externalId: string,
): string | undefined {
  return engine.store.unique.get(externalIdKey(workspaceId, kind, externalId));
}

/** 409 `conflict` when another row of the workspace's `kind` already has `externalId` (null is always free). */
export function assertExternalIdFree(
  engine: EngineState,
  workspaceId: string,
  kind: ExternalIdKind,
  externalId: string | null,
  self?: string,
): void {
  if (externalId === null) return;
  const holder = externalIdHolder(engine, workspaceId, kind, externalId);
  if (holder !== undefined && holder !== self)
    throw problems.conflict(conflictMessage[kind](externalId, holder));
}

/** Moves a row's external-ID key from `previous` to `next` (either may be null: set, change, clear, delete). */
export function moveExternalId(
  engine: EngineState,
  workspaceId: string,
  kind: ExternalIdKind,
  id: string,
  previous: string | null,
  next: string | null,
): void {
  if (previous === next) return;
  if (previous !== null) engine.store.unique.delete(externalIdKey(workspaceId, kind, previous));
  if (next !== null) engine.store.unique.set(externalIdKey(workspaceId, kind, next), id);
}
