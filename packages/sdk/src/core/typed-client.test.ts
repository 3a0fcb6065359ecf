import { describe, expect, it } from 'vitest';
import { createTypedClient } from './typed-client';

function recording(status = 200, body = '{"ok":true}') {
  const calls: { url: string; init: RequestInit }[] = [];
  const transport = async (input: Request | string, init: RequestInit = {}) => {
    calls.push({ url: String(input), init });
    return new Response(body, { status, headers: { 'content-type': 'application/json' } });
  };
  const client = createTypedClient({
    baseUrl: 'https://api.test/api/v1',
    headers: { Accept: 'application/json' },
    transport,
  });
  return { calls, client };
}

describe('createTypedClient', () => {
  it('fills path parameters like openapi-fetch (encoded) and serializes queries in the spec styles', async () => {
    const { calls, client } = recording();
    await client.GET('/conversations/{conversationId}', { params: { path: { conversationId: 'conv 1/x' } } });
    await client.GET('/events', {
      params: { query: { types: ['message.created', 'ticket.created'], limit: 5 } },
    });
    await client.GET('/conversations', { params: { query: { customAttributes: { plan: 'pro' } } } });
    expect(calls.map((c) => decodeURIComponent(c.url.replace('https://api.test/api/v1', '')))).toEqual([
      '/conversations/conv 1/x',
      '/events?types=message.created,ticket.created&limit=5',
      '/conversations?customAttributes[plan]=pro',
    ]);
    expect(calls[0]?.url).toBe('https://api.test/api/v1/conversations/conv%201%2Fx');
  });

  it('sends JSON bodies with a content type and returns data, or the problem as error', async () => {
    const ok = recording(201, '{"id":"tkt_1"}');
    const { data } = await ok.client.POST('/tickets', { body: { subject: 'A' } });
    expect(data).toEqual({ id: 'tkt_1' });
    expect(ok.calls[0]?.init).toMatchObject({ method: 'POST', body: '{"subject":"A"}' });
    expect(ok.calls[0]?.init.headers).toMatchObject({
      'Content-Type': 'application/json',
      Accept: 'application/json',
    });
    const failing = recording(404, '{"code":"not_found"}');
    const result = await failing.client.GET('/me');
    expect(result.error).toEqual({ code: 'not_found' });
    expect(result.data).toBeUndefined();
  });
});
