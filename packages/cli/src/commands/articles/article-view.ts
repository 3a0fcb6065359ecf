import type { Context } from '../../context';
import { formatTime } from '../../output/format';
import type { Column } from '../../output/output';
import type { Article } from './knowledge-base';

/** The columns of `articles list`. */
export const articleColumns: Column<Article>[] = [
  { header: 'id', value: (a) => a.id },
  { header: 'title', value: (a) => a.title, max: 48 },
  { header: 'status', value: (a) => a.status },
  { header: 'collection', value: (a) => a.collectionId },
  { header: 'external id', value: (a) => a.externalId, max: 40 },
  { header: 'updated', value: (a) => formatTime(a.updatedAt) },
];

/** An article's metadata as aligned fields (`articles get` prints the body after them). */
export function printArticleFields(ctx: Context, article: Article): void {
  ctx.output.fields([
    ['id', article.id],
    ['title', article.title],
    ['status', article.status],
    ['visibility', article.visibility],
    ['collection', article.collectionId],
    ['tags', article.tags],
    ['slug', article.slug],
    ['external id', article.externalId],
    ['created', formatTime(article.createdAt)],
    ['updated', formatTime(article.updatedAt)],
    ['published', formatTime(article.publishedAt)],
  ]);
}

/** `art_123 "Refunds"`, as success lines name an article. */
export const named = (article: Pick<Article, 'id' | 'title'>) => `${article.id} "${article.title}"`;
