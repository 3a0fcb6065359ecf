// packages/sdk/README.md, "Testing with it".
import { Opencom } from '@opencom/sdk';

declare const apiKey: string;

// #region sample
import { createMockServer } from '@opencom/mock-server';

const server = createMockServer();
const opencom = new Opencom({ apiKey, baseUrl: 'http://mock.test', fetch: (input, init) => server.handle(new Request(input, init)) });
// #endregion
