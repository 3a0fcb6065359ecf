// @opencom/sdk resolves to its sources through the root vitest alias: a test-only use, so it is
// deliberately not a devDependency (that would make a cycle with the SDK's tests on this package).
import { createRawClient } from '@opencom/sdk';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../src/adapters/msw';
import { setup, type TestWorkspace } from './support';

describe('createHandlers(server) with msw setupServer', () => {
  let workspace: TestWorkspace;
  const msw = setupServer();

  beforeAll(async () => {
    workspace = await setup();
    msw.use(...createHandlers(workspace.server));
    msw.listen({ onUnhandledRequest: 'error' });
  });
  afterAll(() => msw.close());
  // setup()'s own check covers only the first test of a shared server.
  afterEach(() => expect(workspace.server.contractViolations.splice(0)).toEqual([]));

  it('answers the SDK raw client in-process, from any origin', async () => {
    // Created after listen(): the client looks up globalThis.fetch per call anyway.
    const raw = createRawClient({ apiKey: workspace.key, baseUrl: 'http://opencom.test' });
    const { data, response } = await raw.GET('/me');
    expect(response.status).toBe(200);
    expect(data).toMatchObject({
      credentialId: workspace.credentialId,
      workspace: { id: workspace.workspaceId },
    });
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('serves the control API too, and the SDK sees its problems as errors', async () => {
    const seeded = await fetch('http://localhost:4010/__control/seed', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ preset: 'demo' }),
    });
    expect(seeded.status).toBe(201);
    const { credential } = (await seeded.json()) as { credential: { secret: string } };
    const raw = createRawClient({ apiKey: credential.secret, baseUrl: 'http://localhost:4010' });
    const open = await raw.GET('/conversations', { params: { query: { status: 'open', limit: 3 } } });
    expect(open.data?.data).toHaveLength(3);
    expect(open.data?.hasMore).toBe(true);
    const missing = await raw.GET('/conversations/{conversationId}', {
      params: { path: { conversationId: 'conv_missing' } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ code: 'not_found', status: 404 });
  });
});

describe('createHandlers(server, { baseUrl })', () => {
  let workspace: TestWorkspace;
  const msw = setupServer();

  beforeAll(async () => {
    workspace = await setup();
    msw.use(
      ...createHandlers(workspace.server, { baseUrl: 'http://mock.test/' }),
      // Anything the reference server does not take reaches the next handler.
      http.all('*', () => new HttpResponse('elsewhere', { status: 418 })),
    );
    msw.listen({ onUnhandledRequest: 'error' });
  });
  afterAll(() => msw.close());
  // setup()'s own check covers only the first test of a shared server.
  afterEach(() => expect(workspace.server.contractViolations.splice(0)).toEqual([]));

  it('takes only requests under the base URL', async () => {
    const headers = { authorization: `Bearer ${workspace.key}` };
    expect((await fetch('http://mock.test/api/v1/me', { headers })).status).toBe(200);
    expect((await fetch('http://other.test/api/v1/me', { headers })).status).toBe(418);
  });
});
