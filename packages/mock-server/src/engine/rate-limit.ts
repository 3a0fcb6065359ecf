/** Requests per window for each limit, or `false` to turn limiting off. */
export interface RateLimitOptions {
  perCredential: number;
  perWorkspace: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  perCredential: 60,
  perWorkspace: 120,
  windowMs: 60_000,
};

export interface RateLimitState {
  allowed: boolean;
  /** The limit closest to exhaustion, as the RateLimit-* headers report it. */
  limit: number;
  remaining: number;
  resetSeconds: number;
  /** When refused: seconds until the refusing window resets. */
  retryAfter: number;
}

interface Window {
  start: number;
  count: number;
}

/**
 * Fixed windows per credential and per workspace (the seed's 60 and 120 per minute). Both are checked
 * before either is spent, so a request refused by one limit does not consume the other.
 */
export class RateLimiter {
  readonly #options: RateLimitOptions | false;
  readonly #windows = new Map<string, Window>();

  constructor(options: RateLimitOptions | false) {
    this.#options = options;
  }

  get options(): RateLimitOptions | false {
    return this.#options;
  }

  #window(key: string, now: number, windowMs: number): Window {
    const start = now - (now % windowMs);
    let window = this.#windows.get(key);
    if (!window || window.start !== start) {
      window = { start, count: 0 };
      this.#windows.set(key, window);
    }
    return window;
  }

  /** Checks both limits and spends one request from each when both allow it. */
  consume(credentialId: string, workspaceId: string, now: number): RateLimitState {
    const options = this.#options;
    if (!options) return { allowed: true, limit: 0, remaining: 0, resetSeconds: 0, retryAfter: 0 };
    const resetSeconds = Math.ceil((options.windowMs - (now % options.windowMs)) / 1000);
    const credential = this.#window(`c:${credentialId}`, now, options.windowMs);
    const workspace = this.#window(`w:${workspaceId}`, now, options.windowMs);
    const credentialLeft = options.perCredential - credential.count;
    const workspaceLeft = options.perWorkspace - workspace.count;
    const allowed = credentialLeft > 0 && workspaceLeft > 0;
    if (allowed) {
      credential.count++;
      workspace.count++;
    }
    const tighter =
      credentialLeft <= workspaceLeft
        ? { limit: options.perCredential, left: credentialLeft }
        : { limit: options.perWorkspace, left: workspaceLeft };
    return {
      allowed,
      limit: tighter.limit,
      remaining: Math.max(0, tighter.left - (allowed ? 1 : 0)),
      resetSeconds,
      retryAfter: allowed ? 0 : resetSeconds,
    };
  }

  /** Both windows as they stand (for `GET /me`), without spending anything. */
  snapshot(credentialId: string, workspaceId: string, now: number) {
    const options = this.#options || DEFAULT_RATE_LIMITS;
    const windowStart = now - (now % options.windowMs);
    const used = (key: string) => {
      const window = this.#windows.get(key);
      return window && window.start === windowStart ? window.count : 0;
    };
    const describe = (limit: number, key: string) => ({
      limit,
      windowSeconds: options.windowMs / 1000,
      remaining: Math.max(0, limit - used(key)),
      resetAt: windowStart + options.windowMs,
    });
    return {
      credential: describe(options.perCredential, `c:${credentialId}`),
      workspace: describe(options.perWorkspace, `w:${workspaceId}`),
    };
  }

  /** What an unauthenticated or control request reports: the credential limit, nothing spent. */
  idle(now: number): RateLimitState {
    const options = this.#options;
    if (!options) return { allowed: true, limit: 0, remaining: 0, resetSeconds: 0, retryAfter: 0 };
    const resetSeconds = Math.ceil((options.windowMs - (now % options.windowMs)) / 1000);
    return {
      allowed: true,
      limit: options.perCredential,
      remaining: options.perCredential,
      resetSeconds,
      retryAfter: 0,
    };
  }

  reset(): void {
    this.#windows.clear();
  }
}
