import type { components } from '@opencom/sdk';
import type { Context } from '../../context';
import { UsageError } from '../../errors';
import type { ArticleStatus, Visibility } from './article-fields';
import { splitTags } from './article-source';
import { named } from './article-view';
import { readBody } from './body-input';
import { TRANSITIONS } from './transition';

export interface UpdateArticleFlags {
  title?: string;
  bodyFile?: string;
  /** false for `--no-collection`. */
  collection?: string | false;
  tags?: string;
  status?: ArticleStatus;
  /** false for `--no-external-id`. */
  externalId?: string | false;
  visibility?: Visibility;
  slug?: string;
}

/**
 * `opencom articles update <id>`: PATCH /articles/{id} with the fields given; `--status` then moves
 * the article through publish, unpublish or archive, since PATCH does not change the status.
 */
export async function updateArticle(ctx: Context, id: string, flags: UpdateArticleFlags): Promise<void> {
  const changes: components['schemas']['ArticleUpdate'] = {
    ...(flags.title === undefined ? {} : { title: flags.title }),
    ...(flags.bodyFile === undefined ? {} : { content: await readBody(ctx, flags.bodyFile) }),
    ...(flags.collection === undefined
      ? {}
      : { collectionId: flags.collection === false ? null : flags.collection }),
    ...(flags.tags === undefined ? {} : { tags: splitTags(flags.tags) }),
    ...(flags.externalId === undefined
      ? {}
      : { externalId: flags.externalId === false ? null : flags.externalId }),
    ...(flags.visibility === undefined ? {} : { visibility: flags.visibility }),
    ...(flags.slug === undefined ? {} : { slug: flags.slug }),
  };
  if (Object.keys(changes).length === 0 && flags.status === undefined) {
    throw new UsageError(
      'nothing to update: pass --title, --body-file, --collection, --tags, --status, --external-id, --visibility or --slug',
    );
  }
  const opencom = await ctx.api();
  const patch = () => opencom.articles.update(id, changes);
  if (flags.status !== undefined && Object.keys(changes).length > 0) await patch();
  const article =
    flags.status === undefined ? await patch() : await TRANSITIONS[flags.status].run(opencom, id);
  ctx.output.result(article, (a) =>
    ctx.output.success(`Updated ${named(a)}${flags.status === undefined ? '' : ` (${a.status})`}`),
  );
}
