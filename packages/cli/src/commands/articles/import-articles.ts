import type { components, Opencom, RequestOptions } from '@opencom/sdk';
import { type ArticleSource, readArticleSource } from './article-source';
import { failureReason } from './failure-reason';
import { externalIdOf, type Identity, identityKey, RecordIndex } from './identity';
import { type CollectionOutcome, type ImportAction, plannedId } from './import-collections';
import type { Article, KnowledgeBase } from './knowledge-base';
import { runOrdered } from './ordered-pool';
import { parentOf, type SourceTree } from './source-tree';

/** What the import did (or, in a dry run, would do) with one Markdown file. */
export interface ArticleOutcome {
  /** The file, relative to the imported directory. */
  path: string;
  action: ImportAction;
  /** The article's ID; null when it failed, or would be created by a dry run. */
  articleId: string | null;
  /** The external ID it is upserted by; null when it was found by its `id:` instead. */
  externalId: string | null;
  title: string | null;
  /** For `updated`: the fields that differ (title, content, collection, tags, visibility, slug, status). */
  changes: string[];
  reason?: string;
}

export interface ArticleRun {
  opencom: Opencom;
  tree: SourceTree;
  kb: KnowledgeBase;
  /** Each folder's collection, from `importCollections`. */
  folders: Map<string, CollectionOutcome>;
  dryRun: boolean;
  concurrency: number;
  request: RequestOptions;
  stopped(): boolean;
  onOutcome(outcome: ArticleOutcome): void;
}

/** One file, read and matched to the article it stands for, or the reason it cannot be imported. */
type Planned =
  | { path: string; source: ArticleSource; identity: Identity<Article> }
  | { path: string; source?: undefined; reason: string; externalId: string | null };

/**
 * Upserts one article per file by external ID (`externalId:` in the front matter, else the file's
 * path), a few requests at a time, reporting in file order. A file whose article already matches
 * sends nothing, so the server's `updatedAt` stays put and a second run reports it unchanged.
 */
export async function importArticles(run: ArticleRun): Promise<ArticleOutcome[]> {
  const planned = await plan(run);
  const resolveCollection = collectionResolver(run);
  return runOrdered(
    planned,
    run.concurrency,
    async (item) => {
      if (item.source === undefined) return failed(item.path, item.externalId, null, item.reason);
      const externalId = externalIdOf(item.identity);
      const collection = resolveCollection(item.path, item.source);
      if ('reason' in collection) return failed(item.path, externalId, item.source.title, collection.reason);
      try {
        return await importArticle(run, item, item.source, collection.id);
      } catch (error) {
        return failed(item.path, externalId, item.source.title, failureReason(error));
      }
    },
    run.onOutcome,
    run.stopped,
  );
}

const failed = (
  path: string,
  externalId: string | null,
  title: string | null,
  reason: string,
): ArticleOutcome => ({
  path,
  action: 'failed',
  articleId: null,
  externalId,
  title,
  changes: [],
  reason,
});

/** Reads every file and finds the article each one stands for; two files cannot claim the same article. */
async function plan(run: ArticleRun): Promise<Planned[]> {
  const index = new RecordIndex(run.kb.articles);
  const claimed = new Map<string, string>();
  const planned: Planned[] = [];
  for (const path of run.tree.files) {
    let source: ArticleSource;
    try {
      source = readArticleSource(await run.tree.read(path));
    } catch (error) {
      planned.push({ path, externalId: null, reason: failureReason(error) });
      continue;
    }
    const identity = index.identify(source, path);
    const other = claimed.get(identityKey(identity));
    if (other !== undefined) {
      planned.push({
        path,
        externalId: externalIdOf(identity),
        reason: `stands for the same article as ${other}`,
      });
      continue;
    }
    claimed.set(identityKey(identity), path);
    planned.push({ path, source, identity });
  }
  return planned;
}

type Resolution = { id: string | null } | { reason: string };

/** The collection a file goes in: `collection:` in its front matter, else its folder's. */
function collectionResolver(run: ArticleRun): (path: string, source: ArticleSource) => Resolution {
  const imported = new Map<string, CollectionOutcome>();
  for (const outcome of run.folders.values()) {
    if (outcome.externalId !== null) imported.set(outcome.externalId, outcome);
  }
  const onServer = new RecordIndex(run.kb.collections);
  const idOf = (outcome: CollectionOutcome): Resolution =>
    outcome.action === 'failed'
      ? { reason: `its collection (${outcome.path}/) could not be imported` }
      : { id: outcome.collectionId ?? plannedId(outcome.path) };
  return (path, source) => {
    if (source.collection === null) return { id: null };
    if (source.collection !== undefined) {
      const outcome = imported.get(source.collection);
      if (outcome) return idOf(outcome);
      const collection = onServer.find(source.collection);
      if (collection) return { id: collection.id };
      return {
        reason: `unknown collection "${source.collection}": no folder or collection has that external ID or ID`,
      };
    }
    const folder = parentOf(path);
    if (folder === '') return { id: null };
    const outcome = run.folders.get(folder);
    return outcome ? idOf(outcome) : { reason: `its folder ${folder}/ was not imported` };
  };
}

type Upsert = components['schemas']['ArticleUpsert'];

async function importArticle(
  run: ArticleRun,
  item: { path: string; identity: Identity<Article> },
  source: ArticleSource,
  collectionId: string | null,
): Promise<ArticleOutcome> {
  const { identity } = item;
  const { existing } = identity;
  const wanted: Upsert = {
    title: source.title,
    content: source.content,
    collectionId,
    ...(source.tags === undefined ? {} : { tags: source.tags }),
    ...(source.visibility === undefined ? {} : { visibility: source.visibility }),
    ...(source.slug === undefined ? {} : { slug: source.slug }),
  };
  const changes = existing ? changedFields(existing, wanted, source.status) : [];
  const outcome = (action: ImportAction, articleId: string | null): ArticleOutcome => ({
    path: item.path,
    action,
    articleId,
    externalId: externalIdOf(identity),
    title: source.title,
    changes,
  });
  if (existing && changes.length === 0) return outcome('unchanged', existing.id);
  if (run.dryRun) return outcome(existing ? 'updated' : 'created', existing?.id ?? null);

  const { opencom, request } = run;
  let article: Article;
  if (identity.by === 'externalId') {
    // The upsert sets draft or published itself; archiving takes a call of its own.
    const status =
      source.status === 'draft' || source.status === 'published' ? { status: source.status } : {};
    article = await opencom.articles.upsertByExternalId(
      identity.externalId,
      { ...wanted, ...status },
      request,
    );
  } else {
    article = identity.existing;
    const patch: components['schemas']['ArticleUpdate'] = {};
    for (const change of changes) {
      if (change !== 'status') Object.assign(patch, { [FIELD[change]]: wanted[FIELD[change]] });
    }
    if (Object.keys(patch).length > 0) article = await opencom.articles.update(article.id, patch, request);
    if (source.status === 'published' && article.status !== 'published') {
      article = await opencom.articles.publish(article.id, request);
    }
    if (source.status === 'draft' && article.status !== 'draft') {
      article = await opencom.articles.unpublish(article.id, request);
    }
  }
  if (source.status === 'archived' && article.status !== 'archived') {
    article = await opencom.articles.archive(article.id, request);
  }
  return outcome(existing ? 'updated' : 'created', article.id);
}

/** Change names as reported → the API field they stand for. */
const FIELD = {
  title: 'title',
  content: 'content',
  collection: 'collectionId',
  tags: 'tags',
  visibility: 'visibility',
  slug: 'slug',
} as const;

type Change = keyof typeof FIELD | 'status';

function changedFields(existing: Article, wanted: Upsert, status: Article['status'] | undefined): Change[] {
  const changes: Change[] = (Object.keys(FIELD) as Array<keyof typeof FIELD>).filter((change) => {
    const field = FIELD[change];
    if (!(field in wanted)) return false;
    const value = wanted[field];
    // Tags compare in order, as the server does: reordering them is a change.
    if (Array.isArray(value))
      return value.length !== existing.tags.length || value.some((tag, i) => tag !== existing.tags[i]);
    return value !== existing[field];
  });
  if (status !== undefined && status !== existing.status) changes.push('status');
  return changes;
}
