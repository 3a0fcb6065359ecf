// packages/mock-server/README.md, "The control API": the typed client.
import { createControlClient, type MockServer } from '@opencom/mock-server';

declare const server: MockServer;
declare const workspaceId: string;

// #region sample
const control = createControlClient({ server }); // or { baseUrl: 'http://127.0.0.1:4010' }
const { data: reader } = await control.POST('/__control/credentials', {
  body: { workspaceId, name: 'Reader', actorName: 'reader', scopes: ['conversations.read'] },
});
await control.POST('/__control/clock/advance', { body: { ms: 60_000 } });
// #endregion
console.log(reader?.secretPrefix);
