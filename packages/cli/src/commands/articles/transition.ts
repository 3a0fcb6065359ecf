import type { Opencom } from '@opencom/sdk';
import type { Context } from '../../context';
import type { ArticleStatus } from './article-fields';
import { named } from './article-view';
import type { Article } from './knowledge-base';

/**
 * The call that moves an article to each status (spec: ArticleStatus). Draft or archived → published,
 * published → draft, draft or published → archived; archived → draft is a 409 `invalid_transition`,
 * and moving to the status it already has changes nothing.
 */
export const TRANSITIONS: Record<
  ArticleStatus,
  { verb: string; run(opencom: Opencom, id: string): Promise<Article> }
> = {
  published: { verb: 'Published', run: (opencom, id) => opencom.articles.publish(id) },
  draft: { verb: 'Unpublished', run: (opencom, id) => opencom.articles.unpublish(id) },
  archived: { verb: 'Archived', run: (opencom, id) => opencom.articles.archive(id) },
};

/** `opencom articles publish|unpublish|archive <id>`. */
export async function transitionArticle(ctx: Context, id: string, to: ArticleStatus): Promise<void> {
  const { verb, run } = TRANSITIONS[to];
  const article = await run(await ctx.api(), id);
  ctx.output.result(article, () => ctx.output.success(`${verb} ${named(article)}`));
}
