import type { Opencom, RequestOptions } from '@opencom/sdk';
import { COLLECTION_FILE, type CollectionSource, readCollectionSource } from './collection-source';
import { failureReason } from './failure-reason';
import { externalIdOf, identityKey, RecordIndex } from './identity';
import type { Collection, KnowledgeBase } from './knowledge-base';
import { runOrdered } from './ordered-pool';
import { baseName, parentOf, type SourceTree } from './source-tree';

export type ImportAction = 'created' | 'updated' | 'unchanged' | 'failed';

/** What the import did (or, in a dry run, would do) with one folder's collection. */
export interface CollectionOutcome {
  /** The folder, relative to the imported directory. */
  path: string;
  action: ImportAction;
  /** The collection's ID; null when it failed, or would be created by a dry run. */
  collectionId: string | null;
  /** The external ID it is upserted by; null when it was found by its `id:` instead. */
  externalId: string | null;
  name: string | null;
  /** For `updated`: the fields that differ (name, parent, description, icon). */
  changes: string[];
  reason?: string;
}

export interface CollectionRun {
  opencom: Opencom;
  tree: SourceTree;
  kb: KnowledgeBase;
  dryRun: boolean;
  concurrency: number;
  request: RequestOptions;
  stopped(): boolean;
  onOutcome(outcome: CollectionOutcome): void;
}

/** A folder that could not be turned into a collection, and why, so the files in it can say so. */
const failure = (path: string, externalId: string | null, reason: string): CollectionOutcome => ({
  path,
  action: 'failed',
  collectionId: null,
  externalId,
  name: null,
  changes: [],
  reason,
});

/** The ID a dry run uses for a collection it would create, so children and articles can point at it. */
export const plannedId = (folder: string) => `(new:${folder})`;

/**
 * Makes one collection per folder, parents before children (one level at a time, each level with a
 * few requests in flight), upserting by external ID (the folder path, or `externalId:` of its
 * `_collection.yaml`) and writing nothing when the server already matches.
 */
export async function importCollections(run: CollectionRun): Promise<Map<string, CollectionOutcome>> {
  const lookup: Lookup = {
    index: new RecordIndex(run.kb.collections),
    outcomes: new Map(),
    claimed: new Map(),
  };
  const levels = new Map<number, string[]>();
  for (const folder of run.tree.folders) {
    const depth = folder.split('/').length;
    levels.set(depth, [...(levels.get(depth) ?? []), folder]);
  }
  for (const folders of levels.values()) {
    await runOrdered(
      folders,
      run.concurrency,
      async (folder) => {
        const outcome = await importCollection(run, folder, lookup);
        lookup.outcomes.set(folder, outcome);
        return outcome;
      },
      run.onOutcome,
      run.stopped,
    );
    if (run.stopped()) break;
  }
  return lookup.outcomes;
}

interface Lookup {
  index: RecordIndex<Collection>;
  outcomes: Map<string, CollectionOutcome>;
  /** Which folder already stands for a collection, to catch two folders claiming one. */
  claimed: Map<string, string>;
}

async function importCollection(
  run: CollectionRun,
  folder: string,
  lookup: Lookup,
): Promise<CollectionOutcome> {
  let source: CollectionSource = {};
  if (run.tree.described.has(folder)) {
    const file = `${folder}/${COLLECTION_FILE}`;
    try {
      source = readCollectionSource(await run.tree.read(file));
    } catch (error) {
      return failure(folder, null, `${file}: ${failureReason(error)}`);
    }
  }
  const identity = lookup.index.identify(source, folder);
  const { existing } = identity;
  const externalId = externalIdOf(identity);
  const other = lookup.claimed.get(identityKey(identity));
  if (other !== undefined) return failure(folder, externalId, `the same collection as folder ${other}/`);
  lookup.claimed.set(identityKey(identity), folder);

  const parentFolder = parentOf(folder);
  let parentId: string | null = null;
  if (parentFolder !== '') {
    const parent = lookup.outcomes.get(parentFolder);
    if (parent === undefined || parent.action === 'failed') {
      return failure(folder, externalId, `its parent folder ${parentFolder}/ failed`);
    }
    parentId = parent.collectionId ?? plannedId(parentFolder);
  }
  const wanted = {
    name: source.name ?? existing?.name ?? baseName(folder),
    parentId,
    ...(source.description === undefined ? {} : { description: source.description }),
    ...(source.icon === undefined ? {} : { icon: source.icon }),
  };
  const changes = existing ? changedFields(existing, wanted) : [];
  const outcome = (action: ImportAction, collectionId: string | null): CollectionOutcome => ({
    path: folder,
    action,
    collectionId,
    externalId,
    name: wanted.name,
    changes,
  });
  if (existing && changes.length === 0) return outcome('unchanged', existing.id);
  if (run.dryRun) return outcome(existing ? 'updated' : 'created', existing?.id ?? null);
  try {
    if (identity.by === 'externalId') {
      const saved = await run.opencom.collections.upsertByExternalId(
        identity.externalId,
        wanted,
        run.request,
      );
      return outcome(existing ? 'updated' : 'created', saved.id);
    }
    const patch = Object.fromEntries(changes.map((change) => [FIELD[change], wanted[FIELD[change]]]));
    await run.opencom.collections.update(identity.existing.id, patch, run.request);
    return outcome('updated', identity.existing.id);
  } catch (error) {
    return failure(folder, externalId, failureReason(error));
  }
}

/** Change names as reported → the API field they stand for. */
const FIELD = { name: 'name', parent: 'parentId', description: 'description', icon: 'icon' } as const;

function changedFields(
  existing: Collection,
  wanted: { name: string; parentId: string | null; description?: string | null; icon?: string | null },
): Array<keyof typeof FIELD> {
  return (Object.keys(FIELD) as Array<keyof typeof FIELD>).filter((change) => {
    const field = FIELD[change];
    return field in wanted && wanted[field] !== existing[field];
  });
}
