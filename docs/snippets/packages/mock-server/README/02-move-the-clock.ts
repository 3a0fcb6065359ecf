// packages/mock-server/README.md, "In a vitest suite": moving the clock.
import type { MockServer } from '@opencom/mock-server';

declare const server: MockServer;

// #region sample
await fetch('http://127.0.0.1:4010/__control/clock/advance', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ ms: 5 * 60_000 }),
});
// or, in-process:
await server.scheduler.advanceBy(5 * 60_000);
// #endregion
