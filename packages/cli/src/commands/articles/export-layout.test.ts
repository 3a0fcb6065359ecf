import { describe, expect, it } from 'vitest';
import { exportLayout, isSafePath } from './export-layout';
import type { Article, Collection } from './knowledge-base';

const collection = (fields: Partial<Collection> & Pick<Collection, 'id' | 'slug'>): Collection => ({
  workspaceId: 'ws_1',
  externalId: null,
  name: fields.slug,
  description: null,
  icon: null,
  parentId: null,
  order: 0,
  articleCount: 0,
  createdAt: 0,
  updatedAt: 0,
  ...fields,
});

const article = (fields: Partial<Article> & Pick<Article, 'id' | 'slug'>): Article => ({
  workspaceId: 'ws_1',
  externalId: null,
  collectionId: null,
  title: fields.slug,
  content: '',
  visibility: 'public',
  status: 'draft',
  order: 0,
  tags: [],
  createdAt: 0,
  updatedAt: 0,
  publishedAt: null,
  ...fields,
});

describe('exportLayout', () => {
  it('keeps an external ID that is a path fitting the tree, else names files and folders by slug', () => {
    const layout = exportLayout({
      collections: [
        collection({ id: 'col_1', slug: 'billing', externalId: 'docs/billing' }),
        collection({ id: 'col_2', slug: 'plans', externalId: 'billing/plans', parentId: 'col_1' }),
      ],
      articles: [
        article({
          id: 'art_1',
          slug: 'refunds',
          externalId: 'docs/billing/refunds.md',
          collectionId: 'col_1',
        }),
        article({
          id: 'art_2',
          slug: 'annual',
          externalId: 'billing/plans/annual.md',
          collectionId: 'col_2',
        }),
        article({ id: 'art_3', slug: 'welcome', externalId: 'kb-42' }),
      ],
    });
    // docs/billing is not under a docs/ folder, so the collection is named by its slug.
    expect(layout.folders.map((f) => f.path)).toEqual(['billing', 'billing/plans']);
    expect(layout.folders[0]?.meta).toEqual({ name: 'billing', externalId: 'docs/billing' });
    expect(layout.files.map((f) => f.path)).toEqual([
      'billing/refunds.md',
      'billing/plans/annual.md',
      'welcome.md',
    ]);
    expect(layout.files[2]?.data).toMatchObject({ title: 'welcome', externalId: 'kb-42' });
  });

  it('names records without an external ID by `id:`, and never gives two records one file', () => {
    const layout = exportLayout({
      collections: [],
      articles: [
        article({ id: 'art_1', slug: 'faq', externalId: 'FAQ.md', order: 0 }),
        article({ id: 'art_2', slug: 'faq', order: 1 }),
        article({ id: 'art_3', slug: 'faq-2', order: 2 }),
      ],
    });
    // faq.md would be FAQ.md on a case-insensitive file system.
    expect(layout.files.map((f) => f.path)).toEqual(['FAQ.md', 'faq-2.md', 'faq-2-2.md']);
    expect(layout.files[1]?.data).toMatchObject({ id: 'art_2' });
    expect(layout.files[1]?.data).not.toHaveProperty('externalId');
  });
});

describe('isSafePath', () => {
  it('refuses what import would skip or a file system would refuse', () => {
    expect(isSafePath('billing/refunds.md')).toBe(true);
    for (const path of [
      '../x.md',
      '.hidden.md',
      'a//b.md',
      'a/node_modules/b.md',
      'c:/x.md',
      'a /b.md',
      'x/_collection.yaml',
    ]) {
      expect(isSafePath(path), path).toBe(false);
    }
  });
});
