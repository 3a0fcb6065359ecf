// Per-call overhead of @opencom/sdk against raw fetch and bare openapi-fetch, on the same loopback
// server: a node:http server on 127.0.0.1:0 (in a child process, so it does not share the event loop
// with the clients) answering every request with the same fixed JSON conversation.
//
//   pnpm exec tsx bench/sdk-overhead.ts        (from the repository root, ~30 s)
//
// Each variant makes CALLS sequential GET /api/v1/conversations/conv_1 calls (send, await, parse the
// JSON) per round; the variants take turns (in a rotating order) for ROUNDS rounds and the median round
// counts, so drift in the machine's speed hits them all alike. Two figures per variant: wall-clock
// latency per call, and the client process's CPU time per call (user + system), which is the SDK's own
// cost without the loopback and server time that dominate the latency. Target: the facade within 10 %
// of raw fetch. A last table isolates the SDK's own work: the same calls against an in-process fetch
// stub that returns a ready Response (no socket, no undici), facade against calling the stub directly.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Opencom, type paths } from '@opencom/sdk';
// bench/package.json belongs to the mock-server benchmarks; openapi-fetch is taken from the SDK's own
// dependency so the bare client and the SDK run the very same copy.
import createClient from '../packages/sdk/node_modules/openapi-fetch/dist/index.mjs';

const CALLS = Number(process.env.CALLS ?? 300);
const ROUNDS = Number(process.env.ROUNDS ?? 40);
const apiKey = `osk_${'b3nch'.repeat(9)}abc`;
const conversation = {
  id: 'conv_1',
  workspaceId: 'ws_bench',
  visitorId: 'vis_1',
  assignedAgentId: null,
  status: 'open',
  channel: 'chat',
  subject: 'Refund for order 1042',
  createdAt: 1767225600000,
  updatedAt: 1767225600000,
  lastMessageAt: 1767225600000,
  claim: null,
  aiWorkflowState: 'none',
  aiHandoffReason: null,
  automationEligible: true,
  lastInboundMessageAt: 1767225600000,
  lastInboundMessagePreview: 'Hi, I was charged twice for order 1042.',
};

const serverSource = `
const body = ${JSON.stringify(JSON.stringify(conversation))};
const server = require('node:http').createServer((request, response) => {
  request.resume();
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\\n'));
`;

const child = spawn(process.execPath, ['-e', serverSource], { stdio: ['ignore', 'pipe', 'inherit'] });
const [line] = (await once(child.stdout, 'data')) as [Buffer];
const { port } = JSON.parse(line.toString()) as { port: number };
const origin = `http://127.0.0.1:${port}`;
const headers = { Authorization: `Bearer ${apiKey}`, Accept: 'application/json' };

const bare = createClient<paths>({ baseUrl: `${origin}/api/v1`, headers });
const opencom = new Opencom({ apiKey, baseUrl: origin });

const variants: Record<string, () => Promise<unknown>> = {
  'raw fetch': async () => (await fetch(`${origin}/api/v1/conversations/conv_1`, { headers })).json(),
  'bare openapi-fetch': async () =>
    (await bare.GET('/conversations/{conversationId}', { params: { path: { conversationId: 'conv_1' } } }))
      .data,
  'opencom.raw': async () =>
    (
      await opencom.raw.GET('/conversations/{conversationId}', {
        params: { path: { conversationId: 'conv_1' } },
      })
    ).data,
  'opencom.conversations.get': () => opencom.conversations.get('conv_1'),
};

const names = Object.keys(variants);
const wall: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
const cpu: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
for (const run of Object.values(variants)) for (let i = 0; i < 500; i++) await run(); // warm up
for (let round = 0; round < ROUNDS; round++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(round + k) % names.length] ?? '';
    const run = variants[name] ?? (() => Promise.resolve());
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < CALLS; i++) await run();
    wall[name]?.push(((performance.now() - start) * 1000) / CALLS);
    const used = process.cpuUsage(cpuStart);
    cpu[name]?.push((used.user + used.system) / CALLS);
  }
}
child.kill();

const median = (values: number[] = []) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const percent = (value: number, baseline: number) => {
  const delta = ((value - baseline) / baseline) * 100;
  return `${delta >= 0 ? '+' : ''}${delta.toFixed(1)} %`;
};
console.log(`node ${process.version}, ${CALLS} sequential calls × ${ROUNDS} rounds, medians\n`);
console.log('variant                     latency µs   vs raw   client CPU µs   vs raw');
for (const name of names) {
  const latency = median(wall[name]);
  const work = median(cpu[name]);
  const raw = name === 'raw fetch';
  console.log(
    [
      name.padEnd(26),
      latency.toFixed(1).padStart(11),
      (raw ? '—' : percent(latency, median(wall['raw fetch']))).padStart(8),
      work.toFixed(1).padStart(15),
      (raw ? '—' : percent(work, median(cpu['raw fetch']))).padStart(8),
    ].join(' '),
  );
}

// The SDK's own work per call, without the network stack: a stub fetch that answers at once.
const body = JSON.stringify(conversation);
const stub = async (_input: RequestInfo | URL, _init?: RequestInit): Promise<Response> =>
  new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
const stubbed = new Opencom({ apiKey, baseUrl: origin, fetch: stub });
const local: Record<string, () => Promise<unknown>> = {
  'stub fetch + json()': async () =>
    (await stub(`${origin}/api/v1/conversations/conv_1`, { headers })).json(),
  'opencom over the stub': () => stubbed.conversations.get('conv_1'),
};
const localCpu: Record<string, number[]> = { 'stub fetch + json()': [], 'opencom over the stub': [] };
for (const run of Object.values(local)) for (let i = 0; i < 2_000; i++) await run();
for (let round = 0; round < 15; round++) {
  for (const [name, run] of Object.entries(local)) {
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < 5_000; i++) await run();
    const used = process.cpuUsage(cpuStart);
    localCpu[name]?.push((used.user + used.system) / 5_000);
  }
}
const stubCost = median(localCpu['stub fetch + json()']);
const sdkCost = median(localCpu['opencom over the stub']);
console.log(
  `\nin-process stub: ${stubCost.toFixed(1)} µs per call direct, ${sdkCost.toFixed(1)} µs through the facade ` +
    `(the SDK's own work: ${(sdkCost - stubCost).toFixed(1)} µs per call)`,
);
