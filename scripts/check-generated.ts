/** Regenerates every `src/generated/` folder and fails if the committed files differ (drift check). */
import { execFileSync } from 'node:child_process';

execFileSync(process.execPath, ['--import', 'tsx', 'scripts/generate.ts'], { stdio: 'inherit' });
// `*` in a git pathspec also matches `/`, so this covers every file below each generated folder;
// untracked files count too (a new generated file that was never committed).
const GENERATED = 'packages/*/src/generated/*';
const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', GENERATED], {
  encoding: 'utf8',
});
if (status.trim() !== '') {
  console.error(
    `Generated files are out of date with spec/:\n${status}\nRun \`pnpm generate\` and commit the result.`,
  );
  execFileSync('git', ['--no-pager', 'diff', '--stat', '--', 'packages/*/src/generated'], {
    stdio: 'inherit',
  });
  process.exit(1);
}
console.log('generated files match spec/');
