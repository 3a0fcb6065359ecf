import type { components, Opencom } from '@opencom/sdk';
import type { ArticleRef } from './actions';
import type { SearchOutcome } from './escalation-rule';

type Article = components['schemas']['Article'];

/** How the bot answers from the knowledge base. */
export interface AnswerPolicy {
  /**
   * The least relevance score worth answering with. BM25 scores are only comparable within one
   * knowledge base, so this is tuned, not universal: 3 answers the demo workspace's questions and
   * escalates near misses such as "Can I get a discount?" (2.8, on the word "get"). Measure yours.
   */
  minScore: number;
  /** Article links in replies: `${helpCenterUrl}/${slug}`. Without it replies quote the slug. */
  helpCenterUrl?: string | undefined;
}

export const DEFAULT_ANSWER_POLICY: AnswerPolicy = { minScore: 3 };

/** A reply the bot can send, and the article it came from. */
export interface Answer {
  article: ArticleRef;
  score: number;
  reply: string;
}

/**
 * Searches the published, public articles (never drafts or internal notes) and answers with the best
 * one if it is relevant enough; otherwise says how close the best one came, for the escalation reason.
 */
export async function findAnswer(
  opencom: Opencom,
  question: string,
  policy: AnswerPolicy,
  signal?: AbortSignal,
): Promise<SearchOutcome<Answer>> {
  // The API caps `q` at 500 characters; the start of a long message carries the question.
  const q = question.slice(0, 500);
  const results = await opencom.articles.search({ q, visibility: 'public', limit: 3 }, { signal });
  const best = results.data[0];
  if (best === undefined) return { kind: 'no_match', bestScore: null };
  if (best.score < policy.minScore) return { kind: 'no_match', bestScore: best.score };
  const article = articleRef(best.article, policy.helpCenterUrl);
  return {
    kind: 'match',
    answer: { article, score: best.score, reply: composeReply(best.article, article) },
  };
}

export function articleRef(article: Pick<Article, 'title' | 'slug'>, helpCenterUrl?: string): ArticleRef {
  const link =
    helpCenterUrl === undefined ? article.slug : `${helpCenterUrl.replace(/\/$/, '')}/${article.slug}`;
  return { title: article.title, slug: article.slug, link };
}

/** The reply: the article's title and link, then its opening paragraph quoted, so the visitor sees why. */
export function composeReply(article: Pick<Article, 'content'>, ref: ArticleRef): string {
  const excerpt = openingParagraph(article.content);
  const quote = excerpt === '' ? '' : `\n\n> ${excerpt}`;
  return `This article from our help center should answer it: "${ref.title}" (${ref.link}).${quote}\n\nIf it does not, reply "human" and a teammate will take over.`;
}

/** The first paragraph of Markdown that is not a heading, cut at a word near 280 characters. */
export function openingParagraph(markdown: string, max = 280): string {
  const paragraph =
    markdown
      .split(/\n\s*\n/)
      .map((block) => block.trim().replace(/\s*\n\s*/g, ' '))
      .find((block) => block !== '' && !block.startsWith('#')) ?? '';
  if (paragraph.length <= max) return paragraph;
  const cut = paragraph.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 0)) || cut}…`;
}
