/**
 * Words that mean "let me talk to a person". Matched as whole words (plural too), case-insensitively.
 * Deliberately eager: handing a conversation to a human by mistake costs a little of an agent's time,
 * keeping a visitor who asked for one with a bot costs their trust.
 */
const HUMAN_WORDS = ['human', 'agent', 'person', 'people', 'representative', 'operator', 'staff'];

/** Phrases that ask for a person without one of the words above. */
const HUMAN_PHRASES = [
  /\b(?:talk|speak|chat) (?:to|with) (?:someone|somebody)\b/i,
  /\breal (?:one|someone)\b/i,
];

const HUMAN_WORD = new RegExp(`\\b(${HUMAN_WORDS.join('|')})s?\\b`, 'i');

/**
 * The words of `text` that ask for a human (for the escalation reason), or null when it does not.
 *
 * @example
 * humanRequested('Can I talk to a real person?'); // 'person'
 * humanRequested('How do I get a refund?'); // null
 */
export function humanRequested(text: string): string | null {
  const word = HUMAN_WORD.exec(text);
  if (word) return word[0];
  for (const phrase of HUMAN_PHRASES) {
    const match = phrase.exec(text);
    if (match) return match[0];
  }
  return null;
}

/** What the bot does with a visitor's question. */
export type Decision<A> = { kind: 'answer'; answer: A } | { kind: 'escalate'; reason: string };

/** What the knowledge base had to say, as far as the escalation rule cares. */
export type SearchOutcome<A> = { kind: 'match'; answer: A } | { kind: 'no_match'; bestScore: number | null };

/**
 * The escalation rule, in order: the visitor asked for a human (then the knowledge base is not even
 * searched), or nothing in the knowledge base answers the question well enough. Otherwise: answer.
 *
 * @example
 * const decision = await decide(question, (q) => findAnswer(opencom, q, policy));
 * if (decision.kind === 'escalate') await session.escalate(decision.reason);
 */
export async function decide<A>(
  question: string,
  search: (question: string) => Promise<SearchOutcome<A>>,
): Promise<Decision<A>> {
  const asked = humanRequested(question);
  if (asked !== null) return { kind: 'escalate', reason: `the visitor asked for a human ("${asked}")` };
  const outcome = await search(question);
  if (outcome.kind === 'match') return { kind: 'answer', answer: outcome.answer };
  return {
    kind: 'escalate',
    reason:
      outcome.bestScore === null
        ? 'no knowledge-base article matches the question'
        : `no knowledge-base article is relevant enough (best score ${outcome.bestScore.toFixed(2)})`,
  };
}
