// Throughput of `GET /api/v1/conversations?limit=20` (authenticated) on loopback, same run, each
// server in its own process and autocannon in this one:
//   - the reference server (@opencom/mock-server's build over node:http, request validation on,
//     1 000 rows; the package is built first so the figures are for the current sources)
//   - Stoplight Prism 5.14.2 mocking the same bundled spec (fetched with npx on first use)
//   - a bare node:http server answering the same bytes (the limit)
// Targets: at least 10x Prism and at least 0.25x the bare server.
//
//   pnpm exec tsx bench/mock-throughput.ts        (from the repository root, ~1 min)
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const PATH = '/api/v1/conversations?limit=20';
const children: ChildProcess[] = [];
process.on('exit', () => {
  // Each child leads its own process group: `npx` does not pass a kill on to Prism, the group does.
  for (const child of children) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is already gone.
    }
  }
});
// Ctrl-C no longer reaches the detached children: exit through the handler above instead.
process.once('SIGINT', () => process.exit(130));

function startChild(
  command: string,
  args: string[],
  ready: (line: string) => string | undefined,
): Promise<string> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const url = ready(line);
      if (url) resolve(url);
    });
  });
}

async function measure(name: string, url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, headers, connections: 10, duration: DURATION });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

execFileSync('pnpm', ['--filter', '@opencom/mock-server', 'build'], { stdio: 'ignore' });
const mock = JSON.parse(
  await startChild(process.execPath, ['--import', 'tsx', 'bench/servers/mock.ts'], (line) => line),
) as { url: string; key: string };
const auth = { authorization: `Bearer ${mock.key}` };
const body = await (await fetch(`${mock.url}${PATH}`, { headers: auth })).text();

mkdirSync('.tmp', { recursive: true });
writeFileSync('.tmp/bench-body.json', body);
const bare = JSON.parse(
  await startChild(
    process.execPath,
    ['--import', 'tsx', 'bench/servers/bare.ts', '.tmp/bench-body.json'],
    (l) => l,
  ),
) as { url: string };

execFileSync(
  'pnpm',
  ['exec', 'redocly', 'bundle', 'spec/openapi.yaml', '--output', '.tmp/bench-openapi.json'],
  {
    stdio: 'ignore',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off' },
  },
);
const prismPort = 4000 + Math.floor(Math.random() * 1000);
const prism = await startChild(
  'npx',
  [
    '-y',
    '@stoplight/prism-cli@5.14.2',
    'mock',
    '-h',
    '127.0.0.1',
    '-p',
    String(prismPort),
    '.tmp/bench-openapi.json',
  ],
  // Prism serves the spec's paths without the server's base path (`/conversations`).
  (line) =>
    line.includes('Prism is listening') ? `http://127.0.0.1:${prismPort}/conversations?limit=20` : undefined,
);

// Other processes on the machine skew the figures: the load average says how busy it was.
const load = (at: number[]) => at.map((n) => n.toFixed(2)).join(' ');
const loadAtStart = load(loadavg());
const rows: Array<Awaited<ReturnType<typeof measure>>> = [];
rows.push(await measure('bare node:http (limit)', `${bare.url}${PATH}`, auth));
rows.push(await measure('@opencom/mock-server', `${mock.url}${PATH}`, auth));
rows.push(await measure('prism 5.14.2', prism, auth));

console.log(
  `Node ${process.version}, ${DURATION} s each, 10 connections, body ${body.length} bytes, ` +
    `load average ${loadAtStart} at start, ${load(loadavg())} at end\n`,
);
console.table(rows);
const rate = (name: string) => rows.find((row) => row.name.startsWith(name))?.requestsPerSecond ?? Number.NaN;
const vsPrism = rate('@opencom') / rate('prism');
const vsBare = rate('@opencom') / rate('bare');
console.table([
  {
    ratio: 'mock-server / prism',
    value: `${vsPrism.toFixed(1)}×`,
    target: '>= 10',
    met: vsPrism >= 10 ? 'yes' : 'no',
  },
  {
    ratio: 'mock-server / bare',
    value: `${vsBare.toFixed(2)}×`,
    target: '>= 0.25',
    met: vsBare >= 0.25 ? 'yes' : 'no',
  },
]);
process.exit(0);
