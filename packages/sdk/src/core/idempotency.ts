import { randomUuid } from '../internal/random-uuid';

/** Methods that change something; each gets an `Idempotency-Key` so a retry can never apply twice. */
export const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A fresh idempotency key, as the SDK generates for every mutation that was not given one. Generate
 * your own when the same logical write may be sent again later (after a crash, from a queue), and pass
 * it as `idempotencyKey`: the server then answers a repeat with the stored response.
 *
 * @example
 * const key = createIdempotencyKey();
 * await opencom.messages.send(conversationId, { content }, { idempotencyKey: key });
 * @see spec/components/parameters.yaml#/IdempotencyKey
 */
export function createIdempotencyKey(): string {
  return `opencom-sdk-${randomUuid()}`;
}
