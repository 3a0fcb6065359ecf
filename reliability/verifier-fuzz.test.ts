/**
 * Fuzzes the webhook verifier (Node sync, Node async and Web Crypto paths, Standard Webhooks and
 * legacy schemes) with random and mutated headers and bodies: it never throws anything but
 * `WebhookVerificationError`, and never accepts a delivery whose signed parts were changed.
 */
import {
  generateSecret,
  generateTestHeadersSync,
  type VerifyWebhookOptions,
  verifyWebhook,
  verifyWebhookSync,
  WebhookVerificationError,
} from '@opencom/webhooks';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { webCrypto } from '../packages/webhooks/src/crypto/web';
import { verifyDelivery } from '../packages/webhooks/src/internal/verify-core';
import { recordCounts } from './support';

const SECRET = generateSecret();
const NOW_SECONDS = 1_767_225_600; // 2026-01-01T00:00:00Z
const REASONS = ['missing_header', 'bad_signature', 'timestamp_too_old', 'timestamp_too_new', 'malformed'];
const counts = { verifications: 0, tamperedRejected: 0 };
afterAll(() => recordCounts('verifier-fuzz', counts));

const VERIFIERS: Record<string, (options: VerifyWebhookOptions) => Promise<unknown>> = {
  'node sync': async (options) => verifyWebhookSync(options),
  'node async': (options) => verifyWebhook(options),
  'web crypto': async (options) => (await verifyDelivery(webCrypto, options)).event,
};

/** Runs every verifier; each either accepts or throws a WebhookVerificationError with a known reason. */
async function outcomes(options: VerifyWebhookOptions): Promise<Array<'accepted' | string>> {
  const results: string[] = [];
  for (const [name, verify] of Object.entries(VERIFIERS)) {
    counts.verifications++;
    try {
      await verify(options);
      results.push('accepted');
    } catch (error) {
      expect(error, `${name} threw something else`).toBeInstanceOf(WebhookVerificationError);
      expect(REASONS, name).toContain((error as WebhookVerificationError).reason);
      results.push((error as WebhookVerificationError).reason);
    }
  }
  return results;
}

const event = (id: string) =>
  JSON.stringify({
    id,
    type: 'conversation.created',
    createdAt: NOW_SECONDS * 1000,
    workspaceId: 'ws_1',
    resource: { type: 'conversation', id: 'conv_1' },
    data: { id: 'conv_1', status: 'open' },
  });

/** The seed system's payload, which the legacy `X-Opencom-Signature` scheme carries. */
const legacyEvent = () =>
  JSON.stringify({
    eventType: 'conversation.created',
    resourceType: 'conversation',
    resourceId: 'conv_1',
    timestamp: NOW_SECONDS * 1000,
    data: { workspaceId: 'ws_1' },
  });

const headerName = fc.oneof(
  fc.constantFrom(
    'webhook-id',
    'webhook-timestamp',
    'webhook-signature',
    'Webhook-Signature',
    'x-opencom-signature',
    'x-opencom-event-id',
  ),
  fc.string({ maxLength: 20 }),
);
const headerValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom('v1,', 'v1,AAAA', 'v2,abc v1,=', 't=,v1=', 't=1,v1=zz', String(NOW_SECONDS), '-1', '1e400'),
  fc.base64String().map((b) => `v1,${b}`),
);
const body = fc.oneof(
  fc.string(),
  fc.uint8Array({ maxLength: 200 }),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.constant(event('evt_1')),
);
// Only headers and bodies come from the network: a malformed secret is the receiver's own
// configuration error and is a TypeError by design, so secrets here are always well formed.
const verifyOptions = fc.oneof(
  fc.constant({ secret: SECRET }),
  fc.constant({ secrets: [generateSecret(), SECRET] }),
  fc.constant({ secret: generateSecret() }),
);

describe('webhook verifier under fuzzing', () => {
  it('random headers and bodies: only WebhookVerificationError, never an acceptance', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(headerName, headerValue, { maxKeys: 6 }),
        body,
        verifyOptions,
        async (headers, rawBody, secretOptions) => {
          const results = await outcomes({
            body: rawBody,
            headers,
            ...secretOptions,
            now: NOW_SECONDS * 1000,
          } as VerifyWebhookOptions);
          expect(results).not.toContain('accepted');
        },
      ),
      { seed: 7, numRuns: 400 },
    );
  });

  const tamper = fc.oneof(
    fc.record({ part: fc.constant('body' as const), at: fc.nat(), by: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ part: fc.constant('append' as const), text: fc.string({ minLength: 1, maxLength: 5 }) }),
    fc.record({ part: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ part: fc.constant('id' as const), text: fc.string({ minLength: 1, maxLength: 8 }) }),
    fc.record({
      part: fc.constant('timestamp' as const),
      by: fc.integer({ min: -200, max: 200 }).filter((n) => n !== 0),
    }),
    fc.record({ part: fc.constant('signature' as const), at: fc.nat(), by: fc.integer({ min: 1, max: 60 }) }),
    fc.record({ part: fc.constant('secret' as const) }),
    fc.record({ part: fc.constant('drop' as const), at: fc.nat() }),
  );

  for (const scheme of ['standard', 'legacy'] as const) {
    it(`${scheme} deliveries: any tampering is rejected; header case alone is not tampering`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.string({ minLength: 1, maxLength: 12 }),
          tamper,
          fc.boolean(),
          async (suffix, change, upper) => {
            const id = `evt_${suffix.replace(/[^A-Za-z0-9]/g, 'x')}`;
            const raw = scheme === 'standard' ? event(id) : legacyEvent();
            const headers = generateTestHeadersSync({
              body: raw,
              secret: SECRET,
              id,
              timestamp: NOW_SECONDS,
              scheme,
            });
            const cased = Object.fromEntries(
              Object.entries(headers).map(([name, value]) => [upper ? name.toUpperCase() : name, value]),
            );
            const base = { now: NOW_SECONDS * 1000, secret: SECRET };
            expect(await outcomes({ ...base, body: raw, headers: cased })).toEqual([
              'accepted',
              'accepted',
              'accepted',
            ]);
            const tampered = applyTamper(change, raw, headers, scheme);
            if (tampered === null) return;
            const results = await outcomes({ ...base, ...tampered });
            expect(results, JSON.stringify(change)).not.toContain('accepted');
            counts.tamperedRejected++;
          },
        ),
        { seed: scheme === 'standard' ? 11 : 13, numRuns: 200 },
      );
    });
  }
});

type Change =
  | { part: 'body'; at: number; by: number }
  | { part: 'append'; text: string }
  | { part: 'truncate'; at: number }
  | { part: 'id'; text: string }
  | { part: 'timestamp'; by: number }
  | { part: 'signature'; at: number; by: number }
  | { part: 'secret' }
  | { part: 'drop'; at: number };

/** The delivery with one signed part changed, or null when the change would leave it identical. */
function applyTamper(
  change: Change,
  raw: string,
  headers: Record<string, string>,
  scheme: 'standard' | 'legacy',
): (Pick<VerifyWebhookOptions, 'body' | 'headers'> & { secret?: string }) | null {
  const bytes = new TextEncoder().encode(raw);
  const out = { ...headers };
  const idHeader = scheme === 'standard' ? 'webhook-id' : 'x-opencom-event-id';
  const sigHeader = scheme === 'standard' ? 'webhook-signature' : 'x-opencom-signature';
  switch (change.part) {
    case 'body': {
      const copy = bytes.slice();
      const at = change.at % copy.length;
      copy[at] = ((copy[at] as number) + change.by) % 256;
      return { body: copy, headers: out };
    }
    case 'append':
      return { body: raw + change.text, headers: out };
    case 'truncate':
      return { body: bytes.slice(0, change.at % bytes.length), headers: out };
    case 'id':
      // The legacy scheme signs `timestamp.body` only; its event id comes from the signed body.
      if (scheme === 'legacy' || !(idHeader in out)) return null;
      out[idHeader] = `${out[idHeader]}${change.text}`;
      return { body: raw, headers: out };
    case 'timestamp':
      if (scheme === 'standard') out['webhook-timestamp'] = String(NOW_SECONDS + change.by);
      else out[sigHeader] = (out[sigHeader] as string).replace(/t=(\d+)/, `t=${NOW_SECONDS + change.by}`);
      return { body: raw, headers: out };
    case 'signature': {
      const value = out[sigHeader] as string;
      const start = scheme === 'standard' ? 3 : value.indexOf('v1=') + 3;
      const at = start + (change.at % (value.length - start));
      const alphabet =
        scheme === 'standard'
          ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
          : '0123456789abcdef';
      const current = alphabet.indexOf(value[at] as string);
      if (current < 0) return null;
      const next = alphabet[(current + change.by) % alphabet.length] as string;
      if (next === value[at]) return null;
      out[sigHeader] = value.slice(0, at) + next + value.slice(at + 1);
      return { body: raw, headers: out };
    }
    case 'secret':
      return { body: raw, headers: out, secret: generateSecret() };
    case 'drop': {
      // The headers the scheme needs (the legacy event id is not signed, see `id` above).
      const names = scheme === 'standard' ? ['webhook-id', 'webhook-timestamp', sigHeader] : [sigHeader];
      delete out[names[change.at % names.length] as string];
      return { body: raw, headers: out };
    }
  }
}
