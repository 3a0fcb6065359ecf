import { describe, expect, it } from 'vitest';
import official from '../test/vectors/standard-webhooks.json';
import { generateTestHeaders, generateTestHeadersSync, signWebhook, signWebhookSync } from './sign.js';
import { verifyWebhookSync } from './verify.js';

const [vector] = official.vectors;
if (vector === undefined) throw new Error('no vector');
const secret = 'whsec_jyD4TM0GxBuknCvF28aVaoSR3OaNwJL4lAIGBTeaYmIbZVJz';
const event = {
  id: 'evt_1',
  type: 'webhook.test',
  createdAt: 1_700_000_000_000,
  workspaceId: 'ws_1',
  resource: { type: 'webhook', id: 'whk_1' },
  data: {},
};
const body = JSON.stringify(event);

describe('signWebhook({ id, timestamp, body, secret })', () => {
  it('produces the official vector signature, sync and async, with seconds or a Date', async () => {
    const input = { id: vector.id, body: vector.body, secret: vector.secret };
    expect(signWebhookSync({ ...input, timestamp: vector.timestamp })).toBe(vector.signature);
    await expect(signWebhook({ ...input, timestamp: new Date(vector.timestamp * 1000 + 999) })).resolves.toBe(
      vector.signature,
    );
  });

  it('signs once per secret, space-separated, for a rotation', () => {
    const header = signWebhookSync({
      id: 'evt_1',
      timestamp: 1_700_000_000,
      body,
      secrets: [secret, vector.secret],
    });
    expect(header.split(' ')).toHaveLength(2);
    expect(header.split(' ')[0]).toBe(
      signWebhookSync({ id: 'evt_1', timestamp: 1_700_000_000, body, secret }),
    );
  });

  it('refuses a timestamp in milliseconds and an empty id', () => {
    expect(() => signWebhookSync({ id: 'evt_1', timestamp: Date.now(), body, secret })).toThrow(
      /milliseconds/,
    );
    expect(() => signWebhookSync({ id: '', timestamp: 1, body, secret })).toThrow(/id/);
  });
});

describe('generateTestHeaders({ body, secret })', () => {
  it('builds headers that verifyWebhook accepts, using the event id as webhook-id', async () => {
    const headers = await generateTestHeaders({ body, secret });
    expect(headers).toMatchObject({ 'content-type': 'application/json', 'webhook-id': 'evt_1' });
    expect(verifyWebhookSync({ body, headers, secret })).toEqual(event);
  });

  it('builds legacy X-Opencom-* headers that verify too', () => {
    const seed = JSON.stringify({
      eventType: 'test.ping',
      resourceType: 'webhook',
      resourceId: 'whk_1',
      data: {},
      timestamp: 1,
    });
    const headers = generateTestHeadersSync({ body: seed, secret, scheme: 'legacy', id: 'evt_seed' });
    expect(Object.keys(headers)).toEqual([
      'content-type',
      'x-opencom-event-id',
      'x-opencom-timestamp',
      'x-opencom-signature',
    ]);
    expect(headers['x-opencom-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSync({ body: seed, headers, secret })).toMatchObject({
      id: 'evt_seed',
      type: 'webhook.test',
    });
  });

  it('uses a random evt_test_ id for a body without one, and honours an explicit timestamp', () => {
    const headers = generateTestHeadersSync({ body: 'plain text', secret, timestamp: 1_600_000_000 });
    expect(headers['webhook-id']).toMatch(/^evt_test_[0-9a-f]{24}$/);
    expect(headers['webhook-timestamp']).toBe('1600000000');
  });
});
