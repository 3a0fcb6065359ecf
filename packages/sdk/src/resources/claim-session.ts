import type { Clock } from '../core/clock';
import { ClaimLostError, OpencomError } from '../core/errors';
import type { OperationData } from '../core/operation-types';
import type { RequestOptions } from '../core/request-options';
import type { ClaimsResource, MessagesResource } from '../generated/resources';
import { fullJitter } from '../internal/backoff';
import { polyfillAsyncDispose } from '../internal/dispose-symbol';
import { sleep } from '../internal/sleep';

/** A claim as the API returns it. */
export type Claim = OperationData<'renewClaim'>;
/** A message as the API returns it. */
export type Message = OperationData<'sendMessage'>;

/** Options of `opencom.claims.acquire`. */
export interface AcquireOptions {
  /** Lease length, 30–900 s (server default 300); every renewal asks for the same length. */
  leaseSeconds?: number | undefined;
  /** Aborting it gives up: it cancels the claim request, or releases a claim already held. */
  signal?: AbortSignal | undefined;
  /** The part of the lease after which a renewal is sent (default 0.5: halfway through). */
  renewAfter?: number | undefined;
  /** The claim request's `Idempotency-Key` (default: a fresh one, the same across its retries). */
  idempotencyKey?: string | undefined;
  /** Called with the renewed claim after each renewal the server accepted (to log or show the new expiry). */
  onRenew?: ((claim: Claim) => void) | undefined;
}

/** What a session needs from its client. */
export interface ClaimSessionDeps {
  claims: ClaimsResource;
  messages: MessagesResource;
  clock: Clock;
  random: () => number;
}

type State = 'active' | 'released' | 'escalated' | 'lost';

// Codes that mean the caller does not hold the conversation any more: retrying cannot help.
const LEASE_GONE = new Set([
  'claim_expired',
  'claim_required',
  'claim_conflict',
  'conversation_not_open',
  'not_found',
]);

function leaseGone(error: unknown): error is OpencomError {
  return error instanceof OpencomError && error.code !== undefined && LEASE_GONE.has(error.code);
}

/** A client error other than 408/429 will fail again if repeated. */
function permanent(error: unknown): boolean {
  return (
    error instanceof OpencomError &&
    error.status !== undefined &&
    error.status < 500 &&
    error.status !== 408 &&
    error.status !== 429
  );
}

const noop = (): void => undefined;

polyfillAsyncDispose();

// The same declarations @types/node ships: they merge with TypeScript's `esnext.disposable` lib and let
// projects without that lib (or without Node's types) compile this class's declaration.
declare global {
  interface SymbolConstructor {
    readonly asyncDispose: unique symbol;
  }
  interface AsyncDisposable {
    [Symbol.asyncDispose](): PromiseLike<void>;
  }
}

/**
 * A held claim that renews itself: halfway through each lease it renews for the same length, retries
 * a failed renewal with backoff while the lease lasts, and fires `lost` when the lease is gone. End it
 * with `release()`, `escalate(reason)` or `await using`.
 *
 * @example
 * await using session = await opencom.claims.acquire(conversationId, { leaseSeconds: 120 });
 * const answer = await draftAnswer(conversationId, { signal: session.lost });
 * await session.send(answer);
 * @see spec/paths/claims.yaml
 */
export class ClaimSession implements AsyncDisposable {
  /** The claimed conversation. */
  readonly conversationId: string;
  readonly #deps: ClaimSessionDeps;
  readonly #renewAfter: number;
  readonly #lost = new AbortController();
  readonly #stop = new AbortController();
  #claim: Claim;
  #state: State = 'active';
  /** Local time at which the lease ends, counted from when the last claim or renewal was sent. */
  #deadline: number;
  #timers: AbortController | undefined;
  readonly #onRenew: ((claim: Claim) => void) | undefined;

  /**
   * Sessions come from `opencom.claims.acquire`; `sentAt` is the local time the claim request was
   * sent, so the session's idea of the deadline is never later than the server's.
   */
  constructor(
    deps: ClaimSessionDeps,
    claim: Claim,
    sentAt: number,
    options: Pick<AcquireOptions, 'renewAfter' | 'signal' | 'onRenew'> = {},
  ) {
    this.#deps = deps;
    this.conversationId = claim.conversationId;
    this.#claim = claim;
    this.#renewAfter = options.renewAfter ?? 0.5;
    this.#onRenew = options.onRenew;
    this.#deadline = sentAt + claim.leaseSeconds * 1000;
    this.#arm(sentAt);
    const { signal } = options;
    if (signal !== undefined) {
      // Aborting the caller's signal gives the claim back, in the background.
      const onAbort = () => void this.release().catch(noop);
      if (signal.aborted) onAbort();
      else {
        signal.addEventListener('abort', onAbort, { once: true });
        this.#stop.signal.addEventListener('abort', () => signal.removeEventListener('abort', onAbort), {
          once: true,
        });
      }
    }
  }

  /**
   * Fires (with a {@link ClaimLostError} as its reason) when the lease is lost; pass it to work that
   * needs the claim. It does not fire on `release()` or `escalate()`.
   */
  get lost(): AbortSignal {
    return this.#lost.signal;
  }

  /** The claim as of the last claim, renewal, release or escalation. */
  get claim(): Claim {
    return this.#claim;
  }

  /** True until the session is released, escalated or lost. */
  get active(): boolean {
    return this.#state === 'active';
  }

  /** Sends a message as the holder. A refusal that shows the lease is gone also fires `lost`. */
  async send(content: string, options?: RequestOptions): Promise<Message> {
    this.#assertActive('send');
    try {
      return await this.#deps.messages.send(this.conversationId, { content }, options);
    } catch (error) {
      if (leaseGone(error)) this.#lose(error);
      throw error;
    }
  }

  /** Renews now (the session also does this on its own), optionally for another lease length. */
  async renew(leaseSeconds?: number): Promise<Claim> {
    this.#assertActive('renew');
    const sentAt = this.#deps.clock.now();
    const body = { leaseSeconds: leaseSeconds ?? this.#claim.leaseSeconds };
    try {
      const claim = await this.#deps.claims.renew(this.conversationId, body, { signal: this.#stop.signal });
      if (this.#state === 'active') {
        this.#claim = claim;
        this.#deadline = sentAt + claim.leaseSeconds * 1000;
        this.#arm(sentAt);
        this.#onRenew?.(claim);
      }
      return claim;
    } catch (error) {
      if (leaseGone(error) || permanent(error)) this.#lose(error);
      throw error;
    }
  }

  /** Hands the conversation back. Does nothing if the session already ended. */
  async release(options?: RequestOptions): Promise<Claim | undefined> {
    if (!this.#end('released')) return undefined;
    try {
      this.#claim = await this.#deps.claims.release(this.conversationId, options);
      return this.#claim;
    } catch (error) {
      if (leaseGone(error)) return undefined;
      throw error;
    }
  }

  /** Ends the claim and marks the conversation for a human (`aiWorkflowState: "handoff"`). */
  async escalate(reason?: string, options?: RequestOptions): Promise<Claim | undefined> {
    if (!this.#end('escalated')) return undefined;
    const body = reason === undefined ? undefined : { reason };
    this.#claim = await this.#deps.claims.escalate(this.conversationId, body, options);
    return this.#claim;
  }

  /** `await using session = …` releases the claim when the block exits, unless it already ended. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.release();
  }

  #assertActive(action: string): void {
    if (this.#state === 'lost') throw this.#lost.signal.reason;
    if (this.#state !== 'active') {
      throw new OpencomError(
        `@opencom/sdk: cannot ${action}: the claim on ${this.conversationId} was ${this.#state}.`,
      );
    }
  }

  /** Moves out of `active`; false when the session had already ended. */
  #end(state: Exclude<State, 'active'>): boolean {
    if (this.#state !== 'active') return false;
    this.#state = state;
    this.#timers?.abort();
    this.#stop.abort();
    return true;
  }

  #lose(cause?: unknown): void {
    const code = cause instanceof OpencomError ? cause.code : 'claim_expired';
    const why =
      cause === undefined ? 'the lease expired before a renewal got through' : `the server answered ${code}`;
    if (!this.#end('lost')) return;
    this.#lost.abort(
      new ClaimLostError(`@opencom/sdk: lost the claim on ${this.conversationId}: ${why}.`, {
        code,
        cause,
        status: cause instanceof OpencomError ? cause.status : undefined,
        requestId: cause instanceof OpencomError ? cause.requestId : undefined,
      }),
    );
  }

  /** Schedules the next renewal and the deadline after a claim or renewal sent at `sentAt`. */
  #arm(sentAt: number): void {
    this.#timers?.abort();
    const timers = new AbortController();
    this.#timers = timers;
    const { clock } = this.#deps;
    const leaseMs = this.#claim.leaseSeconds * 1000;
    sleep(clock, Math.max(0, this.#deadline - clock.now()), timers.signal).then(() => this.#lose(), noop);
    const renewIn = Math.max(0, sentAt + leaseMs * this.#renewAfter - clock.now());
    sleep(clock, renewIn, timers.signal).then(() => this.#renewUntilDeadline(timers.signal), noop);
  }

  async #renewUntilDeadline(timers: AbortSignal): Promise<void> {
    const { clock, random } = this.#deps;
    for (let failures = 0; !timers.aborted && this.#state === 'active'; failures++) {
      try {
        await this.renew();
        return;
      } catch {
        if (timers.aborted || this.#state !== 'active') return;
        // A transient failure: wait (less than the time left) and try again while the lease lasts.
        const left = this.#deadline - clock.now();
        const wait = Math.min(Math.max(1000, fullJitter(failures, random)), Math.floor(left / 2));
        try {
          await sleep(clock, wait, timers);
        } catch {
          return;
        }
      }
    }
  }
}
