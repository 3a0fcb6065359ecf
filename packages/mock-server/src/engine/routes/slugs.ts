import type { EngineState } from '../context';
import { problems } from '../http/problem';

/** The spec's ArticleSlug / CollectionSlug length limit. */
const MAX_SLUG_LENGTH = 200;

export type SlugKind = 'article' | 'collection';

/**
 * `store.unique` key that keeps a slug unique per workspace and kind. The demo seed
 * (control/seed.ts) writes the same keys for the knowledge base it stores directly.
 */
export const slugKey = (workspaceId: string, kind: SlugKind, slug: string): string =>
  `${workspaceId}:${kind}-slug:${slug}`;

/** Cuts a slug to `length` without leaving a trailing `-`. */
const cut = (slug: string, length: number): string => slug.slice(0, length).replace(/-+$/, '');

/**
 * The spec's derivation: lowercase, runs of other characters become `-`, at most 200 characters.
 * Accents are dropped first (`Café` → `cafe`, not `caf`); a name with no Latin letter or digit at
 * all falls back to the kind (`article`, `collection`).
 */
export function slugify(text: string, kind: SlugKind): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '');
  return cut(slug, MAX_SLUG_LENGTH) || kind;
}

/** The workspace's row ID holding `slug`, if any. */
export function slugHolder(engine: EngineState, workspaceId: string, kind: SlugKind, slug: string) {
  return engine.store.unique.get(slugKey(workspaceId, kind, slug));
}

/** A free slug derived from `text`: its slugified form, or with `-2`, `-3`, ... on a clash. */
export function derivedSlug(engine: EngineState, workspaceId: string, kind: SlugKind, text: string): string {
  const base = slugify(text, kind);
  if (slugHolder(engine, workspaceId, kind, base) === undefined) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${cut(base, MAX_SLUG_LENGTH - suffix.length)}${suffix}`;
    if (slugHolder(engine, workspaceId, kind, candidate) === undefined) return candidate;
  }
}

/** 409 `conflict` when another row of the workspace uses the explicit `slug`. */
export function assertSlugFree(
  engine: EngineState,
  workspaceId: string,
  kind: SlugKind,
  slug: string,
  self?: string,
): void {
  const holder = slugHolder(engine, workspaceId, kind, slug);
  if (holder !== undefined && holder !== self) {
    throw problems.conflict(`Another ${kind} (${holder}) already uses the slug ${slug}.`);
  }
}

/** Moves a row's slug key from `previous` to `next` (either may be absent). */
export function moveSlug(
  engine: EngineState,
  workspaceId: string,
  kind: SlugKind,
  id: string,
  previous: string | null,
  next: string | null,
): void {
  if (previous === next) return;
  if (previous !== null) engine.store.unique.delete(slugKey(workspaceId, kind, previous));
  if (next !== null) engine.store.unique.set(slugKey(workspaceId, kind, next), id);
}
