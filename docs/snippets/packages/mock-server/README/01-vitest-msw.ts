// packages/mock-server/README.md, "In a vitest suite (msw, in-process)".

// #region sample
import { createRawClient } from '@opencom/sdk';
import { createMockServer, seedDemoWorkspace } from '@opencom/mock-server';
import { createHandlers } from '@opencom/mock-server/msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

const server = createMockServer();
const msw = setupServer(...createHandlers(server));
beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => server.reset());
afterAll(() => msw.close());

it('lists the open conversations of the demo workspace', async () => {
  // A workspace with visitors, conversations and a knowledge base, and an all-scopes key.
  const { credential } = seedDemoWorkspace(server);
  const opencom = createRawClient({ apiKey: credential.secret, baseUrl: 'http://127.0.0.1:4010' });
  const { data } = await opencom.GET('/conversations', { params: { query: { status: 'open' } } });
  expect(data?.data).toHaveLength(6);
});
// #endregion
