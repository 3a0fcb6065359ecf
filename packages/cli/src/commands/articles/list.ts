import type { Context } from '../../context';
import { type ListFlags, printList } from '../../kit/list';
import type { ArticleStatus, Visibility } from './article-fields';
import { articleColumns } from './article-view';

export interface ListArticlesFlags extends ListFlags {
  status?: ArticleStatus;
  collection?: string;
  tag?: string;
  visibility?: Visibility;
  updatedSince?: number;
}

/** `opencom articles list`: GET /articles with its filters. */
export async function listArticles(ctx: Context, flags: ListArticlesFlags): Promise<void> {
  const opencom = await ctx.api();
  const filters = {
    ...(flags.status === undefined ? {} : { status: flags.status }),
    ...(flags.collection === undefined ? {} : { collectionId: flags.collection }),
    ...(flags.tag === undefined ? {} : { tag: flags.tag }),
    ...(flags.visibility === undefined ? {} : { visibility: flags.visibility }),
    ...(flags.updatedSince === undefined ? {} : { updatedSince: flags.updatedSince }),
  };
  await printList(
    ctx,
    flags,
    (query) => opencom.articles.list({ ...filters, ...query }),
    articleColumns,
    'No articles found.',
  );
}
