import type { components } from '@opencom/sdk';
import type { Context } from '../../context';
import type { Style } from '../../output/style';
import type { Visibility } from './article-fields';

type SearchResult = components['schemas']['ArticleSearchResult'];

export interface SearchFlags {
  limit?: number;
  collection?: string;
  visibility?: Visibility;
}

/** `opencom articles search <query>`: published articles ranked by relevance (GET /articles/search). */
export async function searchArticles(ctx: Context, words: string[], flags: SearchFlags): Promise<void> {
  const q = words.join(' ');
  const results = await (await ctx.api()).articles.search({
    q,
    ...(flags.limit === undefined ? {} : { limit: flags.limit }),
    ...(flags.collection === undefined ? {} : { collectionId: flags.collection }),
    ...(flags.visibility === undefined ? {} : { visibility: flags.visibility }),
  });
  ctx.output.result(results, () => {
    if (results.data.length === 0) {
      ctx.output.note(`No published article matches "${q}".`);
      return;
    }
    const style = ctx.output.style;
    ctx.output.table(
      results.data.map((result, i) => ({ rank: i + 1, result })),
      [
        { header: 'rank', value: (row) => row.rank },
        { header: 'score', value: (row) => row.result.score.toFixed(2) },
        { header: 'id', value: (row) => row.result.article.id },
        { header: 'title', value: (row) => row.result.article.title, max: 40 },
        { header: 'snippet', value: (row) => snippet(row.result, style, 60) },
      ],
    );
  });
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };
const unescapeHtml = (html: string) =>
  html.replace(/&(amp|lt|gt|quot);/g, (entity) => ENTITIES[entity] ?? entity);

/**
 * The first highlight as terminal text: the spec's `<mark>` becomes bold (plain when colour is off),
 * the HTML escapes become characters, cut to `max` visible characters.
 */
function snippet(result: SearchResult, style: Style, max: number): string {
  const highlight = result.highlights[0];
  if (highlight === undefined) return '';
  let room = max;
  let text = '';
  for (const [i, part] of highlight.split(/<\/?mark>/).entries()) {
    if (room <= 0) break;
    let plain = unescapeHtml(part).replace(/\s+/g, ' ');
    if (plain.length > room) plain = `${plain.slice(0, Math.max(0, room - 1))}…`;
    room -= plain.length;
    // split() alternates: outside a mark, inside, outside, ...
    text += i % 2 === 1 ? style.bold(plain) : plain;
  }
  return text;
}
