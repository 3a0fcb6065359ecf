import { describe, expect, it } from 'vitest';
import { isKnownEvent } from '../src/events.js';
import type { VerifyWebhookOptions } from '../src/verify.js';
import type { Kit } from './kits.js';
import ours from './vectors/opencom.json';
import official from './vectors/standard-webhooks.json';

const [signVector, sharedVector] = official.vectors as unknown as [Vector, Vector];
interface Vector {
  secret: string;
  id: string;
  timestamp: number;
  body: string;
  signature: string;
}

const at = (seconds: number) => new Date(seconds * 1000);
const headersOf = (v: Pick<Vector, 'id' | 'timestamp' | 'signature'>) => ({
  'webhook-id': v.id,
  'webhook-timestamp': String(v.timestamp),
  'webhook-signature': v.signature,
});
const vectorOptions = (v: Vector = signVector): VerifyWebhookOptions => ({
  body: v.body,
  headers: headersOf(v),
  secret: v.secret,
  now: at(v.timestamp),
});

const envelope = ours.standard;
const envelopeOptions = (overrides: Partial<VerifyWebhookOptions> = {}): VerifyWebhookOptions =>
  ({
    body: envelope.body,
    headers: headersOf(envelope),
    ...('secrets' in overrides ? {} : { secret: ours.secret }),
    now: at(envelope.timestamp),
    ...overrides,
  }) as VerifyWebhookOptions;

const legacy = ours.legacy[0] as (typeof ours.legacy)[number];
const legacyHeaders = (v: (typeof ours.legacy)[number] = legacy) => ({
  'X-Opencom-Signature': v.signature,
  'X-Opencom-Event-Id': v.eventId,
  'X-Opencom-Timestamp': String(v.timestamp),
});

const WRONG_SECRET = 'whsec_aW52YWxpZC1zZWNyZXQtZm9yLXRlc3RzLW9ubHkhIQ==';

/** Runs the whole verification table against one kit (one crypto backend, sync or async entry). */
export function describeVerifier(kit: Kit): void {
  const rejects = (options: VerifyWebhookOptions, reason: string) =>
    expect(kit.verify(options)).rejects.toMatchObject({ name: 'WebhookVerificationError', reason });
  const rejectsSignature = (options: VerifyWebhookOptions, reason: string) =>
    expect(kit.verifySignature(options)).rejects.toMatchObject({ reason });

  describe(`${kit.name}: official Standard Webhooks v1 vectors`, () => {
    it.each(official.vectors)('sign($name) matches the published signature byte for byte', async (v) => {
      const signature = await kit.sign({ ...v, scheme: 'standard' });
      expect(signature).toBe(v.signature);
    });

    it.each(official.vectors)('verifyWebhookSignature($name) accepts with the clock pinned', async (v) => {
      await expect(kit.verifySignature(vectorOptions(v))).resolves.toEqual({
        webhookId: v.id,
        timestamp: v.timestamp,
        scheme: 'standard',
      });
    });

    it('verifyWebhook(vector) gets past the signature and reports the non-Opencom body as malformed', async () => {
      await rejects(vectorOptions(), 'malformed');
      await rejects(vectorOptions(sharedVector), 'malformed');
    });

    it('accepts the secret without its whsec_ prefix', async () => {
      const secret = signVector.secret.slice('whsec_'.length);
      const options = {
        body: signVector.body,
        headers: headersOf(signVector),
        secret,
        now: at(signVector.timestamp),
      };
      await expect(kit.verifySignature(options)).resolves.toBeDefined();
    });
  });

  describe(`${kit.name}: verifyWebhook({ body, headers, secret })`, () => {
    it('returns the typed event of a signed canonical envelope (non-ASCII body)', async () => {
      const event = await kit.verify(envelopeOptions());
      expect(event).toEqual(JSON.parse(envelope.body));
      expect(isKnownEvent(event) && event.type === 'message.created' && event.data.id).toBe('msg_1');
    });

    it('accepts the body as Uint8Array, Buffer and ArrayBuffer', async () => {
      const bytes = new TextEncoder().encode(envelope.body);
      for (const body of [bytes, Buffer.from(envelope.body), bytes.slice().buffer]) {
        await expect(kit.verify(envelopeOptions({ body }))).resolves.toMatchObject({ id: 'evt_01HZX3' });
      }
    });

    it('accepts a Headers instance, mixed-case names and array values', async () => {
      const plain = headersOf(envelope);
      const variants = [
        new Headers(plain),
        {
          'Webhook-Id': plain['webhook-id'],
          'WEBHOOK-TIMESTAMP': plain['webhook-timestamp'],
          'webhook-Signature': plain['webhook-signature'],
        },
        {
          ...plain,
          'webhook-id': [plain['webhook-id']],
          'webhook-signature': ['v1,AAAA', plain['webhook-signature']],
        },
      ];
      for (const headers of variants) {
        await expect(kit.verify(envelopeOptions({ headers }))).resolves.toMatchObject({ id: 'evt_01HZX3' });
      }
    });

    it('rejects a body changed by one byte as bad_signature', async () => {
      await rejects(envelopeOptions({ body: envelope.body.replace('msg_1', 'msg_2') }), 'bad_signature');
      await rejectsSignature({ ...vectorOptions(), body: '{"test": 2432232315}' }, 'bad_signature');
    });

    it('rejects a re-serialised (pretty-printed) body as bad_signature', async () => {
      await rejects(
        envelopeOptions({ body: JSON.stringify(JSON.parse(envelope.body), null, 2) }),
        'bad_signature',
      );
    });

    it('rejects the wrong secret as bad_signature', async () => {
      await rejects(envelopeOptions({ secret: WRONG_SECRET }), 'bad_signature');
    });

    it('rejects a truncated signature as bad_signature', async () => {
      const headers = { ...headersOf(envelope), 'webhook-signature': envelope.signature.slice(0, -4) };
      await rejects(envelopeOptions({ headers }), 'bad_signature');
    });

    it('skips unknown versions (v2, v1a) and rejects when no v1 signature is left', async () => {
      const mac = envelope.signature.slice('v1,'.length);
      for (const signature of [`v2,${mac}`, official.v1a.signature, `v1a,${mac} V1,${mac}`, 'garbage']) {
        const headers = { ...headersOf(envelope), 'webhook-signature': signature };
        await rejects(envelopeOptions({ headers }), 'bad_signature');
      }
      const headers = { ...headersOf(envelope), 'webhook-signature': `v2,${mac} ${envelope.signature}` };
      await expect(kit.verify(envelopeOptions({ headers }))).resolves.toBeDefined();
    });

    it('accepts a multi-signature header where only the third entry is valid', async () => {
      const other = signVector.signature;
      const headers = {
        ...headersOf(envelope),
        'webhook-signature': `${other} v1a,xyz= ${envelope.signature}`,
      };
      await expect(kit.verify(envelopeOptions({ headers }))).resolves.toBeDefined();
    });

    it('accepts repeated signature headers joined by Node as "a, b"', async () => {
      const headers = {
        ...headersOf(envelope),
        'webhook-signature': `${signVector.signature}, ${envelope.signature}`,
      };
      await expect(kit.verify(envelopeOptions({ headers }))).resolves.toBeDefined();
    });

    it('accepts any of several secrets during a rotation', async () => {
      await expect(
        kit.verify(envelopeOptions({ secrets: [WRONG_SECRET, ours.secret] })),
      ).resolves.toBeDefined();
      await rejects(envelopeOptions({ secrets: [WRONG_SECRET, signVector.secret] }), 'bad_signature');
    });

    it.each([
      [-300, 'accepts'],
      [300, 'accepts'],
      [-301, 'timestamp_too_new'],
      [301, 'timestamp_too_old'],
    ] as const)('with the clock %i s from the signed timestamp: %s', async (offset, outcome) => {
      const options = envelopeOptions({ now: (envelope.timestamp + offset) * 1000 });
      if (outcome === 'accepts') await expect(kit.verify(options)).resolves.toBeDefined();
      else await rejects(options, outcome);
    });

    it('compares whole seconds (300.999 s late is still 300 s)', async () => {
      await expect(
        kit.verify(envelopeOptions({ now: (envelope.timestamp + 300) * 1000 + 999 })),
      ).resolves.toBeDefined();
    });

    it('honours toleranceSeconds, and Infinity disables the check', async () => {
      await rejects(
        envelopeOptions({ now: at(envelope.timestamp + 11), toleranceSeconds: 10 }),
        'timestamp_too_old',
      );
      const years = at(envelope.timestamp + 10 * 365 * 86_400);
      await expect(
        kit.verify(envelopeOptions({ now: years, toleranceSeconds: Number.POSITIVE_INFINITY })),
      ).resolves.toBeDefined();
    });

    it('reports a bad signature before a stale timestamp', async () => {
      await rejects(
        envelopeOptions({ secret: WRONG_SECRET, now: at(envelope.timestamp + 3600) }),
        'bad_signature',
      );
    });

    it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const)(
      'rejects a delivery without %s as missing_header, naming it',
      async (name) => {
        const headers: Record<string, string> = { ...headersOf(envelope) };
        delete headers[name];
        await expect(kit.verify(envelopeOptions({ headers }))).rejects.toThrow(name);
        await rejects(envelopeOptions({ headers: { ...headersOf(envelope), [name]: '' } }), 'missing_header');
        await rejects(envelopeOptions({ headers }), 'missing_header');
      },
    );

    it('rejects a request without any signature header as missing_header', async () => {
      await rejects(envelopeOptions({ headers: {} }), 'missing_header');
      await rejects(
        envelopeOptions({ headers: new Headers({ 'content-type': 'application/json' }) }),
        'missing_header',
      );
    });

    it.each(['abc', '1700000000abc', '-1700000000', '1700000000.5', ' 1700000000', '1e9'])(
      'rejects the non-numeric timestamp %j as malformed',
      async (timestamp) => {
        await rejects(
          envelopeOptions({ headers: { ...headersOf(envelope), 'webhook-timestamp': timestamp } }),
          'malformed',
        );
      },
    );

    it('rejects ambiguous repeated webhook-id values as malformed', async () => {
      const headers = { ...headersOf(envelope), 'webhook-id': ['evt_a', 'evt_b'] };
      await rejects(envelopeOptions({ headers }), 'malformed');
    });

    it('treats a signed empty body as authentic but malformed, an unsigned one as bad_signature', async () => {
      const signature = await kit.sign({
        id: 'evt_empty',
        timestamp: 1700000000,
        body: '',
        secret: ours.secret,
        scheme: 'standard',
      });
      const options = envelopeOptions({
        body: '',
        headers: headersOf({ id: 'evt_empty', timestamp: 1700000000, signature }),
      });
      await expect(kit.verifySignature(options)).resolves.toMatchObject({ webhookId: 'evt_empty' });
      await expect(kit.verify(options)).rejects.toMatchObject({
        reason: 'malformed',
        message: expect.stringContaining('empty'),
      });
      await rejects(envelopeOptions({ body: '' }), 'bad_signature');
      await rejects(envelopeOptions({ body: new Uint8Array() }), 'bad_signature');
    });

    it('rejects signed JSON that is not an event envelope as malformed', async () => {
      for (const body of ['[]', '"text"', '{"id":"evt_1","type":"x"}', '{not json']) {
        const signature = await kit.sign({
          id: 'evt_1',
          timestamp: 1700000000,
          body,
          secret: ours.secret,
          scheme: 'standard',
        });
        await rejects(
          envelopeOptions({ body, headers: headersOf({ id: 'evt_1', timestamp: 1700000000, signature }) }),
          'malformed',
        );
      }
    });

    it('parses an unknown event type as a generic event (forward compatible)', async () => {
      const body = JSON.stringify({ ...JSON.parse(envelope.body), type: 'robot.invented', data: [1, 2] });
      const signature = await kit.sign({
        id: 'evt_new',
        timestamp: 1700000000,
        body,
        secret: ours.secret,
        scheme: 'standard',
      });
      const event = await kit.verify(
        envelopeOptions({ body, headers: headersOf({ id: 'evt_new', timestamp: 1700000000, signature }) }),
      );
      expect(event).toMatchObject({ type: 'robot.invented', data: [1, 2] });
      expect(isKnownEvent(event)).toBe(false);
    });

    it('refuses an already parsed body with a TypeError that says to pass the raw body', async () => {
      const body = JSON.parse(envelope.body) as unknown as string;
      await expect(kit.verify(envelopeOptions({ body }))).rejects.toThrow(/raw request body.*parsed object/);
      await expect(kit.verify(envelopeOptions({ body }))).rejects.toBeInstanceOf(TypeError);
    });

    it('refuses `now` in seconds, a missing secret and an invalid secret with TypeErrors', async () => {
      await expect(kit.verify(envelopeOptions({ now: envelope.timestamp }))).rejects.toThrow(
        /looks like seconds/,
      );
      await expect(
        kit.verify({ body: envelope.body, headers: headersOf(envelope) } as unknown as VerifyWebhookOptions),
      ).rejects.toThrow(TypeError);
      await expect(kit.verify(envelopeOptions({ secret: 'whsec_not base64!' }))).rejects.toThrow(
        /not a valid/,
      );
    });

    it('never echoes a secret in an error message', async () => {
      const secrets = [ours.secret, WRONG_SECRET, 'whsec_not base64!'];
      const attempts: VerifyWebhookOptions[] = [
        envelopeOptions({ secret: WRONG_SECRET }),
        envelopeOptions({ secrets: [WRONG_SECRET, 'whsec_not base64!'] }),
        envelopeOptions({ secret: 'whsec_not base64!' }),
        envelopeOptions({ now: at(envelope.timestamp + 999) }),
        envelopeOptions({ headers: {} }),
        envelopeOptions({ body: '' }),
        { body: legacy.body, headers: legacyHeaders(), secret: WRONG_SECRET, now: at(legacy.timestamp) },
      ];
      for (const options of attempts) {
        const error: unknown = await kit.verify(options).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(Error);
        const text = `${(error as Error).message} ${JSON.stringify(error)}`;
        expect(text.startsWith('@opencom/webhooks: ')).toBe(true);
        for (const secret of secrets) {
          expect(text).not.toContain(secret);
          expect(text).not.toContain(secret.slice('whsec_'.length));
        }
      }
    });
  });

  describe(`${kit.name}: the seed system's legacy X-Opencom-Signature scheme`, () => {
    it.each(ours.legacy)('verifies "$name" and returns the canonical envelope', async (v) => {
      const event = await kit.verify({
        body: v.body,
        headers: legacyHeaders(v),
        secret: ours.secret,
        now: at(v.timestamp),
      });
      const seed = JSON.parse(v.body);
      expect(event).toEqual({
        id: v.eventId,
        type: seed.eventType === 'test.ping' ? 'webhook.test' : seed.eventType,
        createdAt: seed.timestamp,
        workspaceId: seed.data.workspaceId ?? '',
        resource: { type: seed.resourceType, id: seed.resourceId },
        data: seed.data,
      });
    });

    it('signs the legacy header exactly as the seed worker does', async () => {
      const signature = await kit.sign({
        id: legacy.eventId,
        timestamp: legacy.timestamp,
        body: legacy.body,
        secret: ours.secret,
        scheme: 'legacy',
      });
      expect(signature).toBe(legacy.signature);
    });

    it('works with a Headers instance and accepts upper-case hex', async () => {
      const headers = new Headers({
        ...legacyHeaders(),
        'X-Opencom-Signature': legacy.signature.toUpperCase().replace('T=', 't=').replace('V1=', 'v1='),
      });
      await expect(
        kit.verify({ body: legacy.body, headers, secret: ours.secret, now: at(legacy.timestamp) }),
      ).resolves.toBeDefined();
    });

    it('rejects a tampered body, a wrong secret and a base64-keyed signature as bad_signature', async () => {
      const base = {
        body: legacy.body,
        headers: legacyHeaders(),
        secret: ours.secret,
        now: at(legacy.timestamp),
      };
      await rejects({ ...base, body: legacy.body.replace('visitor', 'agent') }, 'bad_signature');
      await rejects({ ...base, secret: WRONG_SECRET }, 'bad_signature');
      await rejects(
        { ...base, headers: { ...legacyHeaders(), 'X-Opencom-Signature': `t=${legacy.timestamp},v0=abc` } },
        'bad_signature',
      );
    });

    it('checks the timestamp both ways with the same tolerance', async () => {
      const base = { body: legacy.body, headers: legacyHeaders(), secret: ours.secret };
      await expect(kit.verify({ ...base, now: at(legacy.timestamp + 300) })).resolves.toBeDefined();
      await rejects({ ...base, now: at(legacy.timestamp + 301) }, 'timestamp_too_old');
      await rejects({ ...base, now: at(legacy.timestamp - 301) }, 'timestamp_too_new');
    });

    it('requires X-Opencom-Event-Id and a t= value, and refuses a disagreeing X-Opencom-Timestamp', async () => {
      const base = { body: legacy.body, secret: ours.secret, now: at(legacy.timestamp) };
      const { 'X-Opencom-Event-Id': _, ...withoutId } = legacyHeaders();
      await rejects({ ...base, headers: withoutId }, 'missing_header');
      await rejects(
        {
          ...base,
          headers: { ...legacyHeaders(), 'X-Opencom-Signature': legacy.signature.replace(/^t=\d+,/, '') },
        },
        'malformed',
      );
      await rejects({ ...base, headers: { ...legacyHeaders(), 'X-Opencom-Timestamp': '1' } }, 'malformed');
    });

    it('is ignored with acceptLegacy: false, and the standard headers win when both are present', async () => {
      const base = {
        body: legacy.body,
        headers: legacyHeaders(),
        secret: ours.secret,
        now: at(legacy.timestamp),
      };
      await rejects({ ...base, acceptLegacy: false }, 'missing_header');
      const both = { ...legacyHeaders(), ...headersOf(envelope) };
      await expect(kit.verify({ ...envelopeOptions(), headers: both })).resolves.toMatchObject({
        id: 'evt_01HZX3',
      });
    });
  });
}
