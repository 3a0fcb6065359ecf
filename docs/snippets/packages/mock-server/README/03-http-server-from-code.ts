// packages/mock-server/README.md, "As an HTTP server (`opencom-mock`)", from code.

// #region sample
import { createMockServer, ManualClock, startHttpServer } from '@opencom/mock-server';

const server = createMockServer({ clock: new ManualClock(Date.now()) });
const http = await startHttpServer(server, { port: 4010, log: (line) => console.log(line) });
// http.url === 'http://127.0.0.1:4010'
await http.close(); // waits for in-flight requests
// #endregion
