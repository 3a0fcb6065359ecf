import { describe, expect, it } from 'vitest';
import { seedEmptyWorkspace } from '../control/seed';
import { createMockServer } from '../server';
import { readJsonBody } from './validation';

const requestWith = (body: string | null, contentType: string) => ({
  headers: new Headers({ 'content-type': contentType, 'content-length': String(body?.length ?? 0) }),
  bytes: async () => (body === null ? null : new TextEncoder().encode(body)),
});

describe('readJsonBody(request, maxBytes, takesBody)', () => {
  it('answers any body of an operation that takes none with 400, whatever its media type or size', async () => {
    for (const [body, type] of [
      ['{}', 'application/json'],
      ['hello', 'text/plain'],
      ['x'.repeat(2_000), 'application/octet-stream'],
    ] as const) {
      await expect(readJsonBody(requestWith(body, type), 1_000, false)).rejects.toMatchObject({
        status: 400,
        code: 'validation_failed',
      });
    }
    await expect(readJsonBody(requestWith(null, 'text/plain'), 1_000, false)).resolves.toBeUndefined();
  });

  it('keeps 413 and 415 for operations that take a body', async () => {
    await expect(
      readJsonBody(requestWith('x'.repeat(2_000), 'application/json'), 1_000),
    ).rejects.toMatchObject({
      status: 413,
    });
    await expect(readJsonBody(requestWith('hello', 'text/plain'), 1_000)).rejects.toMatchObject({
      status: 415,
    });
  });

  // Found by reliability/http-fuzz.test.ts: a GET with a text/plain body over HTTP was answered 415,
  // a status no GET operation documents.
  it('GET /api/v1/me with a text/plain body is the documented 400, not an undocumented 415', async () => {
    const server = createMockServer({ rateLimits: false, validateResponses: true });
    const { credential } = seedEmptyWorkspace(server);
    const response = await server.dispatch({
      method: 'GET',
      url: 'http://mock.test/api/v1/me',
      headers: new Headers({ authorization: `Bearer ${credential.secret}`, 'content-type': 'text/plain' }),
      bytes: async () => new TextEncoder().encode('hello'),
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({ code: 'validation_failed' });
    expect(server.contractViolations).toEqual([]);
  });

  // Found by reliability/fuzz.test.ts: the control API answered these with statuses its spec did
  // not list (415 and 413 on operations with a body, 400 on those without parameters).
  it('control API media-type and unknown-parameter mistakes are documented problems', async () => {
    const server = createMockServer({ rateLimits: false, validateResponses: true });
    const send = (method: string, path: string, body: string | null, contentType = 'text/plain') =>
      server.dispatch({
        method,
        url: `http://mock.test${path}`,
        headers: new Headers({ 'content-type': contentType }),
        bytes: async () => (body === null ? null : new TextEncoder().encode(body)),
      });
    expect((await send('POST', '/__control/clock/advance', '{"ms":1}')).status).toBe(415);
    expect(
      (await send('POST', '/__control/workspaces', 'x'.repeat(1024 * 1024 + 1), 'application/json')).status,
    ).toBe(413);
    expect((await send('GET', '/__control/clock?unknown=1', null)).status).toBe(400);
    expect((await send('POST', '/__control/reset?unknown=1', null)).status).toBe(400);
    expect((await send('DELETE', '/__control/faults?unknown=1', null)).status).toBe(400);
    expect(server.contractViolations).toEqual([]);
  });
});
