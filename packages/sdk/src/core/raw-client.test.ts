import { afterEach, describe, expect, it, vi } from 'vitest';
import { OpencomConfigError, resolveConfig } from './config';
import { createRawClient } from './raw-client';

const apiKey = `osk_${'a1B2'.repeat(12)}`;

function recordingFetch(body: unknown, status = 200) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(new Request(input, init));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { requests, fetch };
}

describe('createRawClient', () => {
  it('calls /api/v1 paths with the bearer key and returns typed data', async () => {
    const me = { credentialId: 'cred_1', name: 'bot' };
    const { requests, fetch } = recordingFetch(me);
    const raw = createRawClient({ apiKey, baseUrl: 'http://127.0.0.1:4010/', fetch });
    const { data, error } = await raw.GET('/me');
    expect(error).toBeUndefined();
    expect(data).toEqual(me);
    expect(requests[0]?.url).toBe('http://127.0.0.1:4010/api/v1/me');
    expect(requests[0]?.headers.get('authorization')).toBe(`Bearer ${apiKey}`);
  });

  it('fills path parameters and returns problems as data, not exceptions', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Not found',
      status: 404,
      code: 'not_found',
      requestId: 'r',
    };
    const { requests, fetch } = recordingFetch(problem, 404);
    const raw = createRawClient({ apiKey, baseUrl: 'https://opencom.example.com/api/v1', fetch });
    const { data, error } = await raw.GET('/conversations/{conversationId}', {
      params: { path: { conversationId: 'conv_x' } },
    });
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ code: 'not_found' });
    expect(requests[0]?.url).toBe('https://opencom.example.com/api/v1/conversations/conv_x');
  });

  it('serializes query parameters in the styles the spec declares', async () => {
    const { requests, fetch } = recordingFetch({ data: [], nextCursor: 'c', hasMore: false });
    const raw = createRawClient({ apiKey, fetch });
    await raw.GET('/events', {
      params: { query: { types: ['message.created', 'conversation.claimed'], limit: 5 } },
    });
    await raw.GET('/conversations', { params: { query: { customAttributes: { plan: 'pro' } } } });
    const [events, conversations] = requests.map((r) => decodeURIComponent(new URL(r.url).search));
    expect(events).toBe('?types=message.created,conversation.claimed&limit=5');
    expect(conversations).toBe('?customAttributes[plan]=pro');
  });
});

describe('resolveConfig', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('reads OPENCOM_API_KEY and OPENCOM_BASE_URL when no options are given', () => {
    vi.stubEnv('OPENCOM_API_KEY', apiKey);
    vi.stubEnv('OPENCOM_BASE_URL', 'http://localhost:9999');
    const config = resolveConfig();
    expect(config.apiKey).toBe(apiKey);
    expect(config.apiUrl).toBe('http://localhost:9999/api/v1');
  });

  it('refuses to start without a key and says how to get one', () => {
    vi.stubEnv('OPENCOM_API_KEY', undefined);
    expect(() => resolveConfig()).toThrow(OpencomConfigError);
    expect(() => resolveConfig()).toThrow(/OPENCOM_API_KEY/);
  });

  it('rejects a malformed key without echoing it', () => {
    const secretLooking = 'sk_live_do_not_print_me';
    expect(() => resolveConfig({ apiKey: secretLooking })).toThrow(OpencomConfigError);
    try {
      resolveConfig({ apiKey: secretLooking });
    } catch (error) {
      expect(String(error)).not.toContain(secretLooking);
    }
  });
});
