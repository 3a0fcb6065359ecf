import type { components, Opencom, RequestOptions } from '@opencom/sdk';

export type Article = components['schemas']['Article'];
export type Collection = components['schemas']['Collection'];

/** Every article and collection of the workspace, read page by page (100 at a time). */
export interface KnowledgeBase {
  articles: Article[];
  collections: Collection[];
}

export async function loadKnowledgeBase(
  opencom: Opencom,
  options: RequestOptions = {},
): Promise<KnowledgeBase> {
  const all = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
    const list: T[] = [];
    for await (const item of items) list.push(item);
    return list;
  };
  const [articles, collections] = await Promise.all([
    all(opencom.articles.list({ limit: 100 }, options)),
    all(opencom.collections.list({ limit: 100 }, options)),
  ]);
  return { articles, collections };
}
