/** The article a reply was built from, as the bot quotes it. */
export interface ArticleRef {
  title: string;
  slug: string;
  /** Where a visitor can read it: `helpCenterUrl` + slug, or just the slug without one. */
  link: string;
}

/**
 * Everything the bot does, one value per action: the log prints each as one line, the demo tells it
 * as a story, and tests assert on the list instead of parsing text.
 */
export type BotAction =
  | { type: 'claimed'; conversationId: string; leaseSeconds: number }
  | { type: 'answered'; conversationId: string; article: ArticleRef; score: number }
  | { type: 'released'; conversationId: string }
  | { type: 'escalated'; conversationId: string; reason: string }
  /** Not ours to handle: another automation holds it, it waits for a human, or it is closed. */
  | { type: 'skipped'; conversationId: string; reason: string }
  /** The lease ended while the bot worked (expired, taken over): it stopped without replying. */
  | { type: 'lost'; conversationId: string; reason: string }
  | { type: 'rate_limited'; conversationId: string; retryInSeconds: number }
  | { type: 'failed'; conversationId: string; reason: string };

/** Actions after which the bot is done with a conversation until the visitor writes again. */
export const FINAL_ACTIONS: ReadonlySet<BotAction['type']> = new Set([
  'released',
  'escalated',
  'skipped',
  'lost',
  'failed',
]);

/** One log line per action: `<action> <conversation> <details>`, greppable and free of secrets. */
export function formatAction(action: BotAction): string {
  const id = action.conversationId;
  switch (action.type) {
    case 'claimed':
      return `claimed ${id} (lease ${action.leaseSeconds} s)`;
    case 'answered':
      return `answered ${id} with "${action.article.title}" (${action.article.link}, score ${action.score.toFixed(2)})`;
    case 'released':
      return `released ${id}`;
    case 'escalated':
      return `escalated ${id}: ${action.reason}`;
    case 'skipped':
      return `skipped ${id}: ${action.reason}`;
    case 'lost':
      return `lost ${id}: ${action.reason}; stopped working on it`;
    case 'rate_limited':
      return `rate-limited on ${id}; trying again in ${action.retryInSeconds} s`;
    case 'failed':
      return `failed ${id}: ${action.reason}`;
  }
}
