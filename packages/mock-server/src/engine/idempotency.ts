import { createHash } from 'node:crypto';
import { ApiProblem } from './http/problem';
import type { Scheduler } from './scheduler';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

interface Entry {
  fingerprint: string;
  method: string;
  path: string;
  state: 'in_flight' | 'done';
  response?: StoredResponse;
}

export type IdempotencyOutcome =
  | { kind: 'run'; finish(response: StoredResponse): void; abandon(): void }
  | {
      kind: 'replay';
      response: StoredResponse;
    };

/**
 * `Idempotency-Key` on every mutation: keys are scoped to the credential, kept 24 h on the engine's
 * clock and fingerprinted with method, path and body. Only successful responses are stored, so a
 * failed request can be retried with the same key.
 */
export class IdempotencyStore {
  readonly #entries = new Map<string, Entry>();
  readonly #scheduler: Scheduler;
  readonly #now: () => number;

  constructor(scheduler: Scheduler, now: () => number) {
    this.#scheduler = scheduler;
    this.#now = now;
  }

  begin(credentialId: string, key: string, method: string, path: string, body: unknown): IdempotencyOutcome {
    const id = `${credentialId}\u0000${key}`;
    const fingerprint = createHash('sha256')
      .update(`${method}\u0000${path}\u0000${body === undefined ? '' : JSON.stringify(body)}`)
      .digest('hex');
    const existing = this.#entries.get(id);
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        throw new ApiProblem(
          422,
          'idempotency_key_reused',
          'Idempotency key reused',
          `This key was first used for ${existing.method} ${existing.path} with a different request.`,
        );
      }
      if (existing.state === 'in_flight' || !existing.response) {
        throw new ApiProblem(
          409,
          'idempotency_in_progress',
          'Request in progress',
          'A request with this Idempotency-Key is still running; retry shortly.',
          { retryAfter: 1 },
          { 'Retry-After': '1' },
        );
      }
      return { kind: 'replay', response: existing.response };
    }
    const entry: Entry = { fingerprint, method, path, state: 'in_flight' };
    this.#entries.set(id, entry);
    return {
      kind: 'run',
      finish: (response) => {
        if (response.status >= 400) {
          this.#entries.delete(id);
          return;
        }
        entry.state = 'done';
        entry.response = response;
        this.#scheduler.schedule(
          this.#now() + IDEMPOTENCY_TTL_MS,
          () => {
            if (this.#entries.get(id) === entry) this.#entries.delete(id);
          },
          'idempotency-expiry',
        );
      },
      abandon: () => {
        this.#entries.delete(id);
      },
    };
  }

  clear(): void {
    this.#entries.clear();
  }
}
