import type { Collection } from './knowledge-base';

export interface TreeEntry {
  collection: Collection;
  /** The parent's ID, or null at the top (also for a collection whose parent is not in the list). */
  parent: string | null;
  depth: number;
}

/** Collections depth-first, siblings by their `order` (then ID), so the tree reads as the help center shows it. */
export function collectionsInTreeOrder(collections: readonly Collection[]): TreeEntry[] {
  const ids = new Set(collections.map((c) => c.id));
  const children = new Map<string | null, Collection[]>();
  for (const collection of collections) {
    const parent = collection.parentId !== null && ids.has(collection.parentId) ? collection.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), collection]);
  }
  const ordered: TreeEntry[] = [];
  const visit = (parent: string | null, depth: number) => {
    const siblings = (children.get(parent) ?? []).sort((a, b) => a.order - b.order || compareIds(a.id, b.id));
    for (const collection of siblings) {
      ordered.push({ collection, parent, depth });
      visit(collection.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
