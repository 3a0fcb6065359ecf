import { signWebhook } from '@opencom/webhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Opencom, OpencomConfigError, WebhookVerificationError } from '../src/index';
import { setup } from './support';

const apiKey = `osk_${'a1B2'.repeat(12)}`;

function recordingFetch() {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(new Request(input, init));
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { requests, fetch };
}

describe('new Opencom(options)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('defaults apiKey and baseUrl to OPENCOM_API_KEY and OPENCOM_BASE_URL', async () => {
    vi.stubEnv('OPENCOM_API_KEY', apiKey);
    vi.stubEnv('OPENCOM_BASE_URL', 'https://opencom.example.com');
    const { requests, fetch } = recordingFetch();
    await new Opencom({ fetch }).me.get();
    expect(requests[0]?.url).toBe('https://opencom.example.com/api/v1/me');
    expect(requests[0]?.headers.get('authorization')).toBe(`Bearer ${apiKey}`);
  });

  it('fails clearly when there is no key', () => {
    vi.stubEnv('OPENCOM_API_KEY', undefined);
    expect(() => new Opencom()).toThrow(OpencomConfigError);
    expect(() => new Opencom()).toThrow(/^@opencom\/sdk: no API key\. Pass `apiKey` or set OPENCOM_API_KEY/);
  });

  it('rejects invalid numbers', () => {
    expect(() => new Opencom({ apiKey, maxRetries: -1 })).toThrow(
      /maxRetries must be a non-negative integer/,
    );
    expect(() => new Opencom({ apiKey, timeoutMs: 1.5 })).toThrow(/timeoutMs/);
  });

  it('sends userAgent before its own', async () => {
    const { requests, fetch } = recordingFetch();
    await new Opencom({ apiKey, fetch, userAgent: 'kb-sync/2.1' }).me.get();
    expect(requests[0]?.headers.get('user-agent')).toMatch(/^kb-sync\/2\.1 opencom-sdk-js\/\d+\.\d+\.\d+/);
  });

  it('looks up globalThis.fetch per call when no fetch is given (msw installed later still works)', async () => {
    const { requests, fetch } = recordingFetch();
    const opencom = new Opencom({ apiKey });
    vi.stubGlobal('fetch', fetch);
    try {
      await opencom.me.get();
    } finally {
      vi.unstubAllGlobals();
    }
    expect(requests).toHaveLength(1);
  });
});

describe('opencom.webhooks', () => {
  it('verify() is verifyWebhook from @opencom/webhooks', async () => {
    const t = await setup();
    const opencom = t.opencom();
    const secret = `whsec_${btoa('0123456789abcdef0123456789abcdef')}`;
    const body = JSON.stringify({
      id: 'evt_1',
      type: 'webhook.test',
      createdAt: 1767225600000,
      workspaceId: t.workspaceId,
      resource: { type: 'webhook', id: 'whk_1' },
      data: {},
    });
    const timestamp = 1767225600;
    const headers = {
      'webhook-id': 'evt_1',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': await signWebhook({ id: 'evt_1', timestamp, body, secret }),
    };
    const event = await opencom.webhooks.verify({ body, headers, secret, now: timestamp * 1000 });
    expect(event.id).toBe('evt_1');
    await expect(
      opencom.webhooks.verify({ body: `${body} `, headers, secret, now: timestamp * 1000 }),
    ).rejects.toBeInstanceOf(WebhookVerificationError);
  });
});
