import { describe, expect, it } from 'vitest';
import { setup } from './support';

async function withArticles(published: number, drafts: number) {
  const t = await setup();
  const opencom = t.opencom();
  for (let i = 0; i < published + drafts; i++) {
    const article = await opencom.articles.create({ title: `Article ${i}`, content: `Body ${i}` });
    if (i < published) await opencom.articles.publish(article.id);
  }
  t.requests.length = 0;
  return { t, opencom };
}

describe('lists', () => {
  it('opencom.articles.list({ status }) is awaitable for the first page', async () => {
    const { opencom } = await withArticles(3, 2);
    const page = await opencom.articles.list({ status: 'published', limit: 2 });
    expect(page.data).toHaveLength(2);
    expect(page.hasMore).toBe(true);
    expect(page.hasNextPage()).toBe(true);
    expect(page.data.every((a) => a.status === 'published')).toBe(true);
  });

  it('for await iterates every item across pages, fetching each page when reached', async () => {
    const { t, opencom } = await withArticles(5, 1);
    const titles: string[] = [];
    for await (const article of opencom.articles.list({ status: 'published', limit: 2 })) {
      titles.push(article.title);
    }
    expect(titles.sort()).toEqual(['Article 0', 'Article 1', 'Article 2', 'Article 3', 'Article 4']);
    expect(t.requests.map((r) => r.path.replace(/cursor=[^&]+/, 'cursor=…'))).toEqual([
      '/api/v1/articles?status=published&limit=2',
      '/api/v1/articles?status=published&limit=2&cursor=…',
      '/api/v1/articles?status=published&limit=2&cursor=…',
    ]);
  });

  it('stops fetching when the loop breaks', async () => {
    const { t, opencom } = await withArticles(5, 0);
    for await (const _ of opencom.articles.list({ limit: 2 })) break;
    expect(t.requests).toHaveLength(1);
  });

  it('.pages() yields whole pages', async () => {
    const { opencom } = await withArticles(5, 0);
    const sizes: number[] = [];
    for await (const page of opencom.articles.list({ limit: 2 }).pages()) sizes.push(page.data.length);
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('nested lists iterate too: opencom.tickets.comments.list(ticketId)', async () => {
    const t = await setup();
    const opencom = t.opencom();
    const ticket = await opencom.tickets.create({ subject: 'Many comments' });
    for (let i = 0; i < 3; i++) await opencom.tickets.comments.create(ticket.id, { content: `Comment ${i}` });
    const contents: string[] = [];
    for await (const comment of opencom.tickets.comments.list(ticket.id, { limit: 1 }))
      contents.push(comment.content);
    expect(contents).toEqual(['Comment 0', 'Comment 1', 'Comment 2']);
  });
});
