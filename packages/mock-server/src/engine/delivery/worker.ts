import type { components } from '../../generated/openapi';
import type { EngineState } from '../context';
import { toEvent } from '../routes/event-record';
import type { TaskHandle } from '../scheduler';
import type { DeliveryRow, EventRow, WebhookRow } from '../store/store';
import { KeyedLimit } from './keyed-limit';
import { checkRetrySchedule, DEFAULT_RETRY_SCHEDULE, delayBefore } from './retry-schedule';
import { type AttemptResponse, sendAttempt } from './send-attempt';
import { signedHeaders, signingSecrets } from './signed-request';
import { disableSubscription, recordFailure, recordSuccess } from './subscription-health';
import { subscriptionMatches } from './subscription-match';

type WebhookAttempt = components['schemas']['WebhookAttempt'];

/** How the worker sends; every part is injectable so tests stay deterministic. */
export interface DeliveryOptions {
  /** Wait before each attempt, in ms; entry `i` precedes attempt `i + 1`. Default 0, 30 s, 2 min, 10 min, 1 h. */
  retrySchedule?: readonly number[];
  /** Sends the POSTs. Default: the global `fetch` at the time of the attempt. */
  fetch?: typeof fetch;
  /** Per-attempt timeout, body included. Default 10 000 ms. */
  timeoutMs?: number;
  /** Attempts in flight per subscription; more wait for a free slot. Default 10. */
  concurrency?: number;
  /** Jitter source, [0, 1); `() => 0.5` pins every wait to the schedule. Default `Math.random`. */
  random?: () => number;
  /** Receives an internal error of the worker (a bug). Default: a process warning. */
  onError?: (error: unknown) => void;
}

/** A delivery that is not final yet: waiting for its scheduled attempt (`task`), for a slot, or in flight. */
interface Chain {
  webhookId: string;
  task: TaskHandle | null;
  /** Its subscription was paused, disabled or deleted meanwhile: no attempt or retry follows. */
  ended: boolean;
}

/** Test and replay deliveries go out whatever the subscription's status (spec: testWebhook, replay). */
const isExplicit = (row: DeliveryRow) => row.replayOf !== null || row.eventType === 'webhook.test';

/**
 * Delivers the event ledger to webhook subscriptions: fan-out on every event, one chain of signed
 * attempts per delivery, retries on the engine's scheduler. Attempts are real HTTP and run
 * concurrently (up to `concurrency` per subscription): a scheduled task only starts one, so a slow
 * receiver never holds the clock up. Tests wait for them with {@link idle}, or move time with
 * {@link advanceBy}, which waits at every step.
 */
export class DeliveryWorker {
  readonly retrySchedule: readonly number[];
  readonly timeoutMs: number;
  readonly #engine: EngineState;
  readonly #fetch: typeof fetch | undefined;
  readonly #random: () => number;
  readonly #onError: (error: unknown) => void;
  readonly #slots: KeyedLimit;
  readonly #chains = new Map<string, Chain>();
  readonly #inFlight = new Set<Promise<void>>();
  /** The body of every attempt of an event is the same bytes, serialized once. */
  readonly #bodies = new WeakMap<EventRow, string>();

  constructor(engine: EngineState, options: DeliveryOptions = {}) {
    this.#engine = engine;
    this.retrySchedule = checkRetrySchedule(options.retrySchedule ?? DEFAULT_RETRY_SCHEDULE);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.#fetch = options.fetch;
    this.#random = options.random ?? Math.random;
    this.#slots = new KeyedLimit(options.concurrency ?? 10);
    this.#onError =
      options.onError ??
      ((error) => process.emitWarning(`@opencom/mock-server: webhook delivery failed internally: ${error}`));
  }

  /** Attempts started and not finished: sending, or waiting for one of their subscription's slots. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Resolves once no attempt is in flight (attempts that finish may schedule retries, not run them). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  /**
   * Moves the clock to `to` like `scheduler.advanceTo`, but stops at every due task and waits for the
   * attempts it started before going on, so a whole retry chain runs in one call. Returns how many
   * tasks ran (as `scheduler.advanceTo` does).
   */
  async advanceTo(to: number): Promise<number> {
    const { scheduler } = this.#engine;
    let ran = 0;
    for (;;) {
      await this.idle();
      const next = scheduler.nextAt;
      if (next === null || next > to) break;
      ran += await scheduler.advanceTo(next);
    }
    return ran + (await scheduler.advanceTo(to));
  }

  /** {@link advanceTo} `ms` from now. */
  advanceBy(ms: number): Promise<number> {
    return this.advanceTo(this.#engine.clock.now() + ms);
  }

  /** Creates a delivery for every active subscription whose filters match (the engine calls this). */
  fanOut(event: EventRow): void {
    // `webhook.test` goes only to the subscription being tested (spec: testWebhook).
    if (event.type === 'webhook.test') return;
    const targets: WebhookRow[] = [];
    for (const subscription of this.#engine.store.webhooks.index('created').scan([event.workspaceId])) {
      if (subscription.status === 'active' && subscriptionMatches(this.#engine, subscription, event)) {
        targets.push(subscription);
      }
    }
    for (const subscription of targets) this.deliver(subscription, event, null);
  }

  /**
   * Starts a new delivery chain of `event` to `subscription`, whatever its filters and status (the
   * caller decided); `replayOf` links a replay to the delivery it replays. The first attempt starts
   * at once when the schedule says 0, so the returned row is still `pending` with no attempt.
   */
  deliver(subscription: WebhookRow, event: EventRow, replayOf: string | null): DeliveryRow {
    const now = this.#engine.clock.now();
    const delay = delayBefore(this.retrySchedule, 1, this.#random);
    const row = this.#engine.store.deliveries.insert({
      id: this.#engine.ids.next('dlv'),
      workspaceId: event.workspaceId,
      webhookId: subscription.id,
      eventId: event.id,
      eventType: event.type,
      status: 'pending',
      attemptCount: 0,
      maxAttempts: this.retrySchedule.length,
      nextAttemptAt: now + delay,
      replayOf,
      createdAt: now,
      updatedAt: now,
      completedAt: null,
      lastAttempt: null,
      attempts: [],
    });
    this.#chains.set(row.id, { webhookId: subscription.id, task: null, ended: false });
    if (delay === 0) this.#run(row.id, subscription.id);
    else this.#schedule(row, now + delay);
    return row;
  }

  /**
   * Ends every unfinished delivery of a subscription that was paused, disabled or deleted: waiting
   * ones fail now; one in flight records its attempt and is not retried (spec: WebhookSubscriptionStatus).
   */
  endChains(webhookId: string): void {
    for (const [id, chain] of [...this.#chains]) {
      if (chain.webhookId !== webhookId) continue;
      const row = this.#engine.store.deliveries.get(id);
      if (!row) this.#chains.delete(id);
      else if (chain.task) this.#finish(row, 'failed');
      else chain.ended = true;
    }
  }

  /** Schedules the next attempt of every unfinished delivery that has none (after restoring a store). */
  resumePending(): void {
    const now = this.#engine.clock.now();
    for (const row of this.#engine.store.deliveries.values()) {
      if ((row.status !== 'pending' && row.status !== 'retrying') || this.#chains.has(row.id)) continue;
      this.#chains.set(row.id, { webhookId: row.webhookId, task: null, ended: false });
      this.#schedule(row, row.nextAttemptAt ?? now);
    }
  }

  #schedule(row: DeliveryRow, at: number): void {
    const chain = this.#chains.get(row.id);
    if (!chain) return;
    chain.task = this.#engine.scheduler.schedule(
      at,
      () => {
        chain.task = null;
        this.#run(row.id, chain.webhookId);
      },
      'webhook.delivery',
    );
  }

  /**
   * An attempt falls due (the first one of a new delivery, or a scheduled retry). It waits for one
   * of the subscription's slots, and is tracked from now on, so {@link idle} covers the wait too.
   */
  #run(id: string, webhookId: string): void {
    const attempt: Promise<void> = this.#slots
      .run(webhookId, () => this.#attempt(id))
      .catch(this.#onError)
      .finally(() => this.#inFlight.delete(attempt));
    this.#inFlight.add(attempt);
  }

  /** Sends one attempt if the delivery may still go out, and records what came back. */
  async #attempt(id: string): Promise<void> {
    const { store, clock } = this.#engine;
    const row = store.deliveries.get(id);
    const chain = this.#chains.get(id);
    if (!row) {
      // A reset wiped the store meanwhile.
      this.#chains.delete(id);
      return;
    }
    if (!chain) return;
    const subscription = store.webhooks.get(row.webhookId);
    const event = store.events.get(row.eventId);
    // Checked when a slot is free, not when the attempt fell due: the subscription may have changed.
    if (chain.ended || !subscription || !event || (!isExplicit(row) && subscription.status !== 'active')) {
      this.#finish(row, 'failed');
      return;
    }
    const startedAt = clock.now();
    const seconds = Math.floor(startedAt / 1000);
    let body = this.#bodies.get(event);
    if (body === undefined) {
      body = JSON.stringify(toEvent(event));
      this.#bodies.set(event, body);
    }
    let headers: Record<string, string>;
    try {
      headers = signedHeaders(event.id, body, seconds, signingSecrets(this.#engine, subscription, startedAt));
    } catch (error) {
      // A secret that does not decrypt (another `secretKey`) fails this delivery, not the server.
      this.#onError(error);
      this.#finish(row, 'failed');
      return;
    }
    const response = await sendAttempt({
      fetch: this.#fetch ?? globalThis.fetch,
      url: subscription.url,
      headers,
      body,
      timeoutMs: this.timeoutMs,
      now: startedAt,
    });
    this.#record(id, { attemptNumber: row.attemptCount + 1, startedAt, seconds }, response);
  }

  /** Records a finished attempt and decides: done, retry later, or stop (410, exhausted, 24 h). */
  #record(
    id: string,
    at: { attemptNumber: number; startedAt: number; seconds: number },
    response: AttemptResponse,
  ): void {
    const { store, clock } = this.#engine;
    const row = store.deliveries.get(id);
    const chain = this.#chains.get(id);
    if (!row) {
      // A reset wiped the store while the attempt was out.
      this.#chains.delete(id);
      return;
    }
    const now = clock.now();
    const { httpStatus, error } = response;
    const succeeded = error === null && httpStatus !== null && httpStatus >= 200 && httpStatus < 300;
    const attempt: WebhookAttempt = {
      attemptNumber: at.attemptNumber,
      startedAt: at.startedAt,
      durationMs: response.durationMs,
      outcome: succeeded ? 'succeeded' : 'failed',
      httpStatus,
      error,
      responseBodyExcerpt: response.responseBodyExcerpt,
      retryAfterSeconds: response.retryAfterSeconds,
      webhookTimestamp: at.seconds,
    };
    store.deliveries.update(row, (r) => {
      r.attempts.push(attempt);
      r.attemptCount = at.attemptNumber;
      r.lastAttempt = attempt;
      r.updatedAt = now;
    });
    const subscription = store.webhooks.get(row.webhookId);
    if (succeeded) {
      if (subscription) recordSuccess(this.#engine, subscription);
      this.#finish(row, 'succeeded');
      return;
    }
    const disableFor = subscription
      ? recordFailure(this.#engine, subscription, httpStatus, at.startedAt)
      : null;
    if (subscription && disableFor !== null) {
      disableSubscription(this.#engine, subscription, disableFor);
      // Its other deliveries stop too; this one is final.
      this.endChains(subscription.id);
      this.#finish(row, 'failed');
      return;
    }
    const mayRetry =
      subscription !== undefined &&
      chain !== undefined &&
      !chain.ended &&
      (isExplicit(row) || subscription.status === 'active') &&
      at.attemptNumber < row.maxAttempts;
    if (!mayRetry) {
      this.#finish(row, 'failed');
      return;
    }
    const next =
      now + delayBefore(this.retrySchedule, at.attemptNumber + 1, this.#random, response.retryAfterSeconds);
    store.deliveries.update(row, (r) => {
      r.status = 'retrying';
      r.nextAttemptAt = next;
    });
    this.#schedule(row, next);
  }

  #finish(row: DeliveryRow, status: 'succeeded' | 'failed'): void {
    const now = this.#engine.clock.now();
    this.#chains.get(row.id)?.task?.cancel();
    this.#chains.delete(row.id);
    this.#engine.store.deliveries.update(row, (r) => {
      r.status = status;
      r.nextAttemptAt = null;
      r.completedAt = now;
      r.updatedAt = now;
    });
  }
}
