import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  OpencomError,
  PermissionError,
  ValidationError,
} from '../src/index';
import { setup } from './support';

describe('errors from the reference server', () => {
  it('a missing conversation is a NotFoundError with the request id and a docs link', async () => {
    const t = await setup();
    const error = await t
      .opencom()
      .conversations.get('conv_missing')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    const notFound = error as NotFoundError;
    expect(notFound).toMatchObject({ status: 404, code: 'not_found' });
    expect(notFound.requestId).toMatch(/^req_/);
    expect(notFound.docUrl).toBe('https://docs.opencom.dev/errors/not_found');
    expect(notFound.message).toMatch(/^@opencom\/sdk: 404 not_found: .+ \(request req_\w+\)$/);
  });

  it('an out-of-range limit is a ValidationError that points at the parameter', async () => {
    const t = await setup();
    const error = await t
      .opencom()
      .conversations.list({ limit: 500 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.pointer)).toEqual(['/query/limit']);
  });

  it('a key without the scope gets a PermissionError naming the scope', async () => {
    const t = await setup();
    const { secret } = await t.control<{ secret: string }>('POST /credentials', {
      workspaceId: t.workspaceId,
      name: 'Reader',
      actorName: 'reader',
      scopes: ['articles.read'],
    });
    const error = await t
      .opencom({ apiKey: secret })
      .tickets.create({ subject: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).requiredScope).toBe('tickets.write');
  });

  it('an unknown key is an AuthenticationError that does not repeat the key', async () => {
    const t = await setup();
    const apiKey = `osk_${'Z9'.repeat(24)}`;
    const error = await t
      .opencom({ apiKey })
      .me.get()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toBeInstanceOf(OpencomError);
    for (const text of [String(error), inspect(error, { depth: 5 }), JSON.stringify(error)]) {
      expect(text).not.toContain(apiKey);
    }
  });

  it('the key never shows up in the client, in a connection error, or in its cause chain message', async () => {
    const t = await setup();
    const leaky = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      throw new TypeError(`connect failed (${request.headers.get('authorization')})`);
    };
    const opencom = t.opencom({ fetch: leaky, maxRetries: 0 });
    expect(inspect(opencom, { depth: 10 })).not.toContain(t.key);
    const error = await opencom.me.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(String(error)).toBe(
      'ConnectionError: @opencom/sdk: GET /api/v1/me failed without a response: connect failed (Bearer [redacted])',
    );
    expect(inspect(error, { depth: 5 })).not.toContain(t.key);
  });

  it('opencom.raw keeps errors as data', async () => {
    const t = await setup();
    const { data, error, response } = await t.opencom().raw.GET('/conversations/{conversationId}', {
      params: { path: { conversationId: 'conv_missing' } },
    });
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ code: 'not_found' });
    expect(response.status).toBe(404);
  });
});
