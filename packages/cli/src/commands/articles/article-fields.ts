// The spec's enums for articles (spec/components/schemas/article.yaml), in a module of their own so
// the command wiring can use them without loading the import's YAML parser.

/** ArticleStatus. */
export const ARTICLE_STATUSES = ['draft', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
/** ArticleInitialStatus: what a create or an upsert may set. */
export const INITIAL_STATUSES = ['draft', 'published'] as const;
/** ArticleVisibility. */
export const VISIBILITIES = ['public', 'internal'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
