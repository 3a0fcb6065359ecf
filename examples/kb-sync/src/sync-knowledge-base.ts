import type { components, Opencom } from '@opencom/sdk';
import type { KnowledgeBase } from './knowledge-base';

type Article = components['schemas']['Article'];
type Collection = components['schemas']['Collection'];

/** What a sync did to one record. */
export interface SyncChange {
  kind: 'collection' | 'article';
  externalId: string;
  action: 'created' | 'updated' | 'unchanged';
}

/**
 * Makes the workspace's knowledge base match the folder: every collection and article is upserted by
 * its external ID (`PUT …/by-external-id/{externalId}`), so running it again changes nothing (the
 * server answers an identical upsert without writing, emitting or touching `updatedAt`), and an edited
 * file updates its one article. Records that are not in the folder are left alone.
 */
export async function syncKnowledgeBase(opencom: Opencom, kb: KnowledgeBase): Promise<SyncChange[]> {
  const changes: SyncChange[] = [];
  const collections = byExternalId(await all(opencom.collections.list({ limit: 100 })));
  const articles = byExternalId(await all(opencom.articles.list({ limit: 100 })));
  const collectionId = (externalId: string | null) => {
    if (externalId === null) return null;
    const collection = collections.get(externalId);
    if (collection === undefined) throw new Error(`no collection with external ID "${externalId}"`);
    return collection.id;
  };

  // Parents come first in `kb.collections`, so a child's parent already has its ID.
  for (const folder of kb.collections) {
    const body = {
      name: folder.name,
      description: folder.description,
      parentId: collectionId(folder.parentExternalId),
    };
    const saved = await opencom.collections.upsertByExternalId(folder.externalId, body);
    changes.push(change('collection', folder.externalId, collections.get(folder.externalId), body));
    collections.set(folder.externalId, saved);
  }
  for (const file of kb.articles) {
    const body = {
      title: file.title,
      content: file.content,
      collectionId: collectionId(file.collectionExternalId),
      tags: file.tags,
      status: file.status,
    };
    await opencom.articles.upsertByExternalId(file.externalId, body);
    changes.push(change('article', file.externalId, articles.get(file.externalId), body));
  }
  return changes;
}

/** Created, updated, or unchanged: whether the record existed, and whether any field sent differs. */
function change<B extends object>(
  kind: SyncChange['kind'],
  externalId: string,
  before: B | undefined,
  body: Partial<B>,
): SyncChange {
  if (before === undefined) return { kind, externalId, action: 'created' };
  const differs = (Object.keys(body) as (keyof B)[]).some(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(body[key]),
  );
  return { kind, externalId, action: differs ? 'updated' : 'unchanged' };
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const list: T[] = [];
  for await (const item of items) list.push(item);
  return list;
}

function byExternalId<T extends Article | Collection>(records: T[]): Map<string, T> {
  return new Map(records.flatMap((r) => (r.externalId === null ? [] : [[r.externalId, r] as const])));
}
