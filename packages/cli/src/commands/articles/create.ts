import type { Context } from '../../context';
import { UsageError } from '../../errors';
import type { Visibility } from './article-fields';
import { splitTags } from './article-source';
import { named } from './article-view';
import { readBody } from './body-input';
import { headingTitle } from './front-matter';

export interface CreateArticleFlags {
  title?: string;
  bodyFile?: string;
  collection?: string;
  tags?: string;
  status?: 'draft' | 'published';
  externalId?: string;
  visibility?: Visibility;
  slug?: string;
}

/** `opencom articles create`: POST /articles; a draft unless `--status published`. */
export async function createArticle(ctx: Context, flags: CreateArticleFlags): Promise<void> {
  if (flags.bodyFile === undefined)
    throw new UsageError('pass the Markdown body with --body-file <file> (or - for stdin)');
  const content = await readBody(ctx, flags.bodyFile);
  const title = flags.title ?? headingTitle(content);
  if (title === undefined)
    throw new UsageError('pass --title, or start the body with a `# heading` to use as the title');
  const article = await (await ctx.api()).articles.create({
    title,
    content,
    ...(flags.collection === undefined ? {} : { collectionId: flags.collection }),
    ...(flags.tags === undefined ? {} : { tags: splitTags(flags.tags) }),
    ...(flags.status === undefined ? {} : { status: flags.status }),
    ...(flags.externalId === undefined ? {} : { externalId: flags.externalId }),
    ...(flags.visibility === undefined ? {} : { visibility: flags.visibility }),
    ...(flags.slug === undefined ? {} : { slug: flags.slug }),
  });
  ctx.output.result(article, () => ctx.output.success(`Created ${named(article)} (${article.status})`));
}
