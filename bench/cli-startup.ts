// Start-up time of the `opencom` binary against `node -e 0` (the floor: Node's own start-up), in the
// same run, so the machine's speed cancels out of the ratio.
//
//   pnpm build && pnpm exec tsx bench/cli-startup.ts        (from the repository root, ~20 s)
//
// Each variant is a fresh process (spawnSync, stdout and stderr captured); the variants take turns in
// a rotating order for ROUNDS rounds and the median wall time counts. Target: `opencom --version`
// and `opencom --help` each at most 1.5x `node -e 0`. Peers for scale: `npm --version` (a large CLI
// that loads lazily too) when npm is on PATH.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROUNDS = Number(process.env.ROUNDS ?? 40);
const bin = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));
if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`pnpm build\` first`);

const npmCli = spawnSync('npm', ['root', '-g'], { encoding: 'utf8' }).stdout?.trim();
const variants: Record<string, string[]> = {
  'node -e 0': ['-e', '0'],
  'opencom --version': [bin, '--version'],
  'opencom --help': [bin, '--help'],
  'opencom articles --help': [bin, 'articles', '--help'],
};
if (npmCli && existsSync(`${npmCli}/npm/bin/npm-cli.js`))
  variants['npm --version'] = [`${npmCli}/npm/bin/npm-cli.js`, '--version'];

const names = Object.keys(variants);
const times = new Map<string, number[]>(names.map((name) => [name, []]));
const run = (name: string) => {
  const started = performance.now();
  const result = spawnSync(process.execPath, variants[name] ?? [], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${name} exited ${result.status}: ${result.stderr}`);
  return elapsed;
};
for (const name of names) for (let i = 0; i < 3; i++) run(name); // warm the file cache
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(round + i) % names.length] ?? '';
    times.get(name)?.push(run(name));
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const floor = median(times.get('node -e 0') ?? []);
console.log(`node ${process.version}, ${ROUNDS} rounds, median wall time per process\n`);
console.log('variant                    median ms   ratio to node -e 0');
for (const name of names) {
  const m = median(times.get(name) ?? []);
  const target =
    name === 'opencom --version' || name === 'opencom --help'
      ? m / floor <= 1.5
        ? '  (target <= 1.5: met)'
        : '  (target <= 1.5: NOT met)'
      : '';
  console.log(`${name.padEnd(26)} ${m.toFixed(1).padStart(9)}   ${(m / floor).toFixed(2)}x${target}`);
}
