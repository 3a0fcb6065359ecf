#!/usr/bin/env node
// Packs every published package the way `pnpm publish` would, checks what the tarball holds (README and
// LICENSE present, no tests or fixtures) and lints it with publint (--strict: warnings fail too) and
// @arethetypeswrong/cli, so a broken `exports` map, a missing file or masquerading types fail
// `pnpm check` instead of a user's install.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// What a user downloads: the build, the README and the licence; never tests, fixtures or test vectors.
const REQUIRED = ['package.json', 'README.md', 'LICENSE'];
const NOT_SHIPPED =
  /(^|\/)(test|tests|__tests__|fixtures|__fixtures__|vectors)\/|\.(test|spec)\.[cm]?[jt]sx?(\.map)?$/;

/** Problems with a packed tarball's file list (paths without the leading `package/`). */
function contentProblems(files) {
  const missing = REQUIRED.filter((file) => !files.includes(file)).map((file) => `missing ${file}`);
  return [...missing, ...files.filter((file) => NOT_SHIPPED.test(file)).map((file) => `ships ${file}`)];
}
const bin = (name) => join(root, 'node_modules/.bin', name);
const packagesDir = join(root, 'packages');
const failures = [];

for (const dir of readdirSync(packagesDir)) {
  const cwd = join(packagesDir, dir);
  const manifest = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
  if (manifest.private) continue;
  const out = mkdtempSync(join(tmpdir(), 'opencom-pack-'));
  try {
    execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd, stdio: 'ignore' });
    const [tarball] = readdirSync(out).filter((f) => f.endsWith('.tgz'));
    const tgz = join(out, tarball);
    const files = execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((file) => file.replace(/^package\//, ''));
    const problems = contentProblems(files);
    if (problems.length === 0) console.log(`ok   ${manifest.name}: pack contents (${files.length} files)`);
    else {
      failures.push(manifest.name);
      console.error(`FAIL ${manifest.name}: pack contents\n  ${problems.join('\n  ')}`);
    }
    const hasCjs = JSON.stringify(manifest.exports ?? {}).includes('"require"');
    const checks = [
      [bin('publint'), ['run', tgz, '--strict']],
      [bin('attw'), [tgz, '--profile', hasCjs ? 'strict' : 'esm-only', '--format', 'table-flipped']],
    ];
    for (const [command, args] of checks) {
      try {
        execFileSync(command, args, { cwd, stdio: 'pipe', encoding: 'utf8' });
        console.log(`ok   ${manifest.name}: ${command.split('/').pop()}`);
      } catch (error) {
        failures.push(manifest.name);
        console.error(
          `FAIL ${manifest.name}: ${command.split('/').pop()}\n${error.stdout ?? ''}${error.stderr ?? ''}`,
        );
      }
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (failures.length > 0) {
  console.error(
    `\npackage checks failed for: ${[...new Set(failures)].join(', ')} (run \`pnpm build\` first)`,
  );
  process.exit(1);
}
