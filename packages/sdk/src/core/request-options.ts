/**
 * Options every facade method takes as its last argument; they override the client's defaults for
 * that one call.
 *
 * @example
 * await opencom.messages.send(conversationId, { content: 'Hi!' }, { timeoutMs: 5_000, idempotencyKey: jobId });
 */
export interface RequestOptions {
  /** Milliseconds to wait for each attempt's response before retrying or giving up. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt (network errors, timeouts, 408, 409 in progress, 429, 5xx). */
  maxRetries?: number | undefined;
  /** Cancels the call (and its retries); the call then rejects with `signal.reason`. */
  signal?: AbortSignal | undefined;
  /**
   * The `Idempotency-Key` of a mutation. By default each call gets a fresh one that stays the same
   * across its retries; pass your own to make a write safe to repeat from outside (after a crash).
   */
  idempotencyKey?: string | undefined;
  /** Extra request headers. */
  headers?: Record<string, string> | undefined;
}
