import type { Context } from '../../context';
import { UsageError } from '../../errors';
import { printArticleFields } from './article-view';

export interface GetArticleFlags {
  bodyOnly?: boolean;
}

/** `opencom articles get <id>`: the metadata, then the Markdown body; `--body-only` for just the body. */
export async function getArticle(ctx: Context, id: string, flags: GetArticleFlags): Promise<void> {
  if (flags.bodyOnly && ctx.output.json)
    throw new UsageError(
      '--body-only prints Markdown; leave out --json (the JSON has the body as `content`)',
    );
  const article = await (await ctx.api()).articles.get(id);
  if (flags.bodyOnly) {
    // Byte for byte when piped, so `get --body-only > a.md` then `update --body-file a.md` changes nothing.
    if (ctx.io.tty.stdout) ctx.output.text(article.content);
    else ctx.io.out.write(article.content);
    return;
  }
  ctx.output.result(article, () => {
    printArticleFields(ctx, article);
    if (article.content !== '') ctx.output.text(`\n${article.content}`);
  });
}
