// Child process for mock-throughput.ts: the reference server over HTTP with a demo workspace and
// 1 000 extra conversations, so `?limit=20` returns a full page. Prints one JSON line when ready.
// It runs the built package (what `opencom-mock` and npm users run; mock-throughput.ts builds it
// first), not the sources through tsx, whose transform adds work to every function call.
import {
  createMockServer,
  ManualClock,
  seedDemoWorkspace,
  startHttpServer,
} from '../../packages/mock-server/dist/index.js';

const server = createMockServer({ rateLimits: false, clock: new ManualClock(Date.now()) });
const { workspace, credential } = seedDemoWorkspace(server);
const start = server.clock.now() - 1_000_000;
for (let i = 0; i < 1000; i++) {
  server.store.conversations.insert({
    id: `conv_bench${String(i).padStart(5, '0')}`,
    workspaceId: workspace.id,
    visitorId: null,
    assignedAgentId: null,
    status: 'open',
    channel: 'chat',
    subject: `Order ${1000 + i} arrived damaged`,
    aiWorkflowState: 'none',
    aiHandoffReason: null,
    createdAt: start + i,
    updatedAt: start + i,
    lastMessageAt: start + i,
    lastInboundMessageAt: start + i,
    lastInboundMessagePreview: 'Hi, my order arrived damaged. Can I get a replacement?',
    claimId: null,
  });
}
const http = await startHttpServer(server, { port: 0 });
process.stdout.write(`${JSON.stringify({ url: http.url, key: credential.secret })}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
