// List latency of the reference server as its tables grow: `GET /api/v1/conversations?limit=20`
// (newest first) and `?status=open&limit=20` at 1 000 and at 100 000 conversations, in-process through
// `handle()`, same run. The indexes make a page O(log n + limit), so the target is that 100 000 costs
// at most 1.5x what 1 000 does. A deep page (following a cursor) is measured too.
//
//   pnpm exec tsx bench/mock-list-latency.ts      (from the repository root, ~20 s)
import { createMockServer, type MockServer } from '@opencom/mock-server';
import { Bench } from 'tinybench';

const SIZES = [1_000, 100_000] as const;

async function serverWith(count: number): Promise<{ server: MockServer; key: string; cursor: string }> {
  const server = createMockServer({ rateLimits: false, seed: 7 });
  const control = async (path: string, body: unknown) =>
    (await server
      .handle(
        new Request(`http://bench${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      )
      .then((r) => r.json())) as { id: string; secret: string };
  const workspace = await control('/__control/workspaces', { name: 'Bench' });
  const credential = await control('/__control/credentials', {
    workspaceId: workspace.id,
    name: 'bench',
    actorName: 'bench',
    scopes: ['conversations.read'],
  });
  const start = server.clock.now();
  for (let i = 0; i < count; i++) {
    server.store.conversations.insert({
      id: `conv_${String(i).padStart(8, '0')}`,
      workspaceId: workspace.id,
      visitorId: null,
      assignedAgentId: null,
      status: i % 3 === 0 ? 'closed' : 'open',
      channel: i % 2 === 0 ? 'chat' : 'email',
      subject: `Conversation ${i}`,
      aiWorkflowState: 'none',
      aiHandoffReason: null,
      createdAt: start + i,
      updatedAt: start + i,
      lastMessageAt: null,
      lastInboundMessageAt: null,
      lastInboundMessagePreview: null,
      claimId: null,
    });
  }
  const first = (await get(server, credential.secret, '/api/v1/conversations?limit=100')) as {
    nextCursor: string;
  };
  return { server, key: credential.secret, cursor: first.nextCursor };
}

async function get(server: MockServer, key: string, path: string): Promise<unknown> {
  const response = await server.handle(
    new Request(`http://bench${path}`, { headers: { authorization: `Bearer ${key}` } }),
  );
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const bench = new Bench({ time: 1500, warmupTime: 300 });
for (const size of SIZES) {
  const { server, key, cursor } = await serverWith(size);
  bench.add(`${size} newest first`, () => get(server, key, '/api/v1/conversations?limit=20'));
  bench.add(`${size} status=open`, () => get(server, key, '/api/v1/conversations?status=open&limit=20'));
  bench.add(`${size} after a cursor`, () =>
    get(server, key, `/api/v1/conversations?limit=20&cursor=${cursor}`),
  );
}
await bench.run();

const mean = (name: string) =>
  (bench.getTask(name)?.result as { latency?: { mean: number } } | undefined)?.latency?.mean ?? NaN;
console.log(`Node ${process.version}, in-process handle(), limit=20\n`);
console.table(
  bench.tasks.map((task) => ({ task: task.name, 'mean µs': (mean(task.name) * 1000).toFixed(1) })),
);
console.table(
  ['newest first', 'status=open', 'after a cursor'].map((query) => {
    const ratio = mean(`100000 ${query}`) / mean(`1000 ${query}`);
    return { query, '100k / 1k': `${ratio.toFixed(2)}×`, target: '<= 1.5', met: ratio <= 1.5 ? 'yes' : 'no' };
  }),
);
