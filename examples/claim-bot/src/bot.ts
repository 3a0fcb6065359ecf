import {
  ClaimConflictError,
  type ClaimSession,
  type Clock,
  ConflictError,
  NotFoundError,
  type Opencom,
  OpencomError,
  RateLimitError,
  systemClock,
} from '@opencom/sdk';
import type { BotAction } from './actions';
import { type AnswerPolicy, DEFAULT_ANSWER_POLICY, findAnswer } from './answer-policy';
import { decide } from './escalation-rule';
import type { VisitorMessage } from './visitor-message';

export interface ClaimBotOptions {
  opencom: Opencom;
  /** Receives every action (log it, narrate it, assert on it). */
  onAction: (action: BotAction) => void;
  policy?: Partial<AnswerPolicy>;
  /** Lease per claim, 30–900 s; the SDK's claim session renews it halfway through while the bot works. */
  leaseSeconds?: number;
  /** Rate-limited conversations are tried again this many times, `Retry-After` apart. Default 3. */
  maxRateLimitRetries?: number;
  /** Waits after a rate limit (default real time; tests pass the reference server's clock). */
  clock?: Clock;
}

/** Refusals that mean the lease is gone: the bot must stop working on the conversation. */
const LEASE_GONE = new Set(['claim_expired', 'claim_required', 'claim_conflict']);

/**
 * Claims conversations that got a new visitor message, answers from the knowledge base or escalates
 * to a human, and releases. One conversation is handled at a time; a message that arrives meanwhile
 * is handled right after, with the newest text.
 */
export class ClaimBot {
  readonly #opencom: Opencom;
  readonly #onAction: (action: BotAction) => void;
  readonly #policy: AnswerPolicy;
  readonly #leaseSeconds: number;
  readonly #maxRetries: number;
  readonly #clock: Clock;
  readonly #stop = new AbortController();
  /** The newest unhandled message per conversation. */
  readonly #pending = new Map<string, VisitorMessage>();
  readonly #running = new Map<string, Promise<void>>();
  readonly #rateLimited = new Map<string, number>();
  readonly #timers = new Set<() => void>();

  constructor(options: ClaimBotOptions) {
    this.#opencom = options.opencom;
    this.#onAction = options.onAction;
    this.#policy = { ...DEFAULT_ANSWER_POLICY, ...options.policy };
    this.#leaseSeconds = options.leaseSeconds ?? 60;
    this.#maxRetries = options.maxRateLimitRetries ?? 3;
    this.#clock = options.clock ?? systemClock;
  }

  /** Queues a conversation for handling (a newer message replaces an unhandled older one). */
  notify(message: VisitorMessage): void {
    if (this.#stop.signal.aborted) return;
    this.#pending.set(message.conversationId, message);
    this.#next(message.conversationId);
  }

  /** Resolves once no conversation is being handled (waits for rate limits do not count). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running.values());
  }

  /** Stops: work in progress is abandoned and its claims released, nothing new starts. */
  async stop(): Promise<void> {
    this.#stop.abort();
    for (const cancel of this.#timers) cancel();
    this.#timers.clear();
    this.#pending.clear();
    await this.idle();
  }

  #next(conversationId: string): void {
    if (this.#running.has(conversationId)) return;
    const message = this.#pending.get(conversationId);
    if (message === undefined) return;
    this.#pending.delete(conversationId);
    const run = this.#handle(message)
      .catch((error: unknown) => this.#onAction({ type: 'failed', conversationId, reason: describe(error) }))
      .finally(() => {
        this.#running.delete(conversationId);
        this.#next(conversationId);
      });
    this.#running.set(conversationId, run);
  }

  async #handle(message: VisitorMessage): Promise<void> {
    const { conversationId } = message;
    let session: ClaimSession;
    try {
      session = await this.#opencom.claims.acquire(conversationId, {
        leaseSeconds: this.#leaseSeconds,
        signal: this.#stop.signal,
      });
    } catch (error) {
      this.#notClaimed(message, error);
      return;
    }
    this.#onAction({ type: 'claimed', conversationId, leaseSeconds: session.claim.leaseSeconds });
    // Every request made for this conversation stops as soon as the lease is lost (or the bot stops).
    const signal = AbortSignal.any([session.lost, this.#stop.signal]);
    try {
      const decision = await decide(message.content, (question) =>
        findAnswer(this.#opencom, question, this.#policy, signal),
      );
      if (decision.kind === 'escalate') {
        await session.escalate(decision.reason, { signal });
        this.#onAction({ type: 'escalated', conversationId, reason: decision.reason });
      } else {
        const { article, score, reply } = decision.answer;
        await session.send(reply, { signal });
        this.#onAction({ type: 'answered', conversationId, article, score });
        await session.release();
        this.#onAction({ type: 'released', conversationId });
      }
      this.#rateLimited.delete(conversationId);
    } catch (error) {
      if (session.lost.aborted || leaseGone(error)) {
        this.#onAction({ type: 'lost', conversationId, reason: describe(session.lost.reason ?? error) });
        return;
      }
      // Hand it back at once rather than holding it until the lease runs out.
      await session.release().catch(() => undefined);
      if (error instanceof RateLimitError) this.#retryLater(message, error);
      else if (this.#stop.signal.aborted) this.#onAction({ type: 'released', conversationId });
      else throw error;
    }
  }

  /** The claim was refused: someone else's conversation, one that waits for a human, or a rate limit. */
  #notClaimed(message: VisitorMessage, error: unknown): void {
    const { conversationId } = message;
    const skip = (reason: string) => this.#onAction({ type: 'skipped', conversationId, reason });
    if (error instanceof ClaimConflictError) {
      skip(`held by ${error.holder?.actorName ?? 'another automation'}`);
    } else if (error instanceof ConflictError && error.code === 'invalid_transition') {
      skip('it is waiting for a human');
    } else if (error instanceof ConflictError && error.code === 'conversation_not_open') {
      skip('the conversation is not open');
    } else if (error instanceof NotFoundError) {
      skip('no such conversation');
    } else if (error instanceof RateLimitError) {
      this.#retryLater(message, error);
    } else if (!this.#stop.signal.aborted) {
      throw error;
    }
  }

  /** The SDK already retried with backoff; wait out the server's `Retry-After` and start over. */
  #retryLater(message: VisitorMessage, error: RateLimitError): void {
    const { conversationId } = message;
    const attempt = (this.#rateLimited.get(conversationId) ?? 0) + 1;
    if (attempt > this.#maxRetries) {
      this.#rateLimited.delete(conversationId);
      this.#onAction({ type: 'failed', conversationId, reason: `still rate-limited after ${attempt} tries` });
      return;
    }
    this.#rateLimited.set(conversationId, attempt);
    const seconds = Math.max(1, Math.ceil(error.retryAfter ?? 1));
    this.#onAction({ type: 'rate_limited', conversationId, retryInSeconds: seconds });
    const cancel = this.#clock.setTimer(seconds * 1000, () => {
      this.#timers.delete(cancel);
      // A newer message queued meanwhile wins; otherwise try this one again.
      if (!this.#pending.has(conversationId)) this.notify(message);
    });
    this.#timers.add(cancel);
  }
}

function leaseGone(error: unknown): boolean {
  return error instanceof OpencomError && error.code !== undefined && LEASE_GONE.has(error.code);
}

/** An error as one line for the log: the problem code when there is one. */
function describe(error: unknown): string {
  if (error instanceof OpencomError) {
    const message = error.message.replace(/^@opencom\/sdk: /, '');
    return error.code === undefined ? message : `${message} (${error.code})`;
  }
  return error instanceof Error ? error.message : String(error);
}
