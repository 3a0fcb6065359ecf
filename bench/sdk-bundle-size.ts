// What `import { Opencom } from '@opencom/sdk'` adds to a browser bundle, minified and gzipped, with a
// breakdown by package; the budget (15 kB) is enforced by `pnpm size` (size-limit, part of `pnpm check`).
// Bundles the built package the way an app's bundler would (browser conditions, no workspace paths):
//
//   pnpm build && pnpm exec tsx bench/sdk-bundle-size.ts
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
// esbuild comes from the SDK's own devDependencies (bench/package.json is the mock benchmarks').
import { build } from '../packages/sdk/node_modules/esbuild/lib/main.js';

const sdk = resolve(dirname(fileURLToPath(import.meta.url)), '../packages/sdk');
const entries = {
  'import { Opencom }': '{ Opencom }',
  'import { createRawClient }': '{ createRawClient }',
  'import { verifyWebhook }': '{ verifyWebhook }',
};

console.log('entry                          minified   min+gzip   by package (minified)');
for (const [name, imports] of Object.entries(entries)) {
  const result = await build({
    stdin: { contents: `export ${imports} from './dist/index.js';`, resolveDir: sdk },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    tsconfigRaw: '{}',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const output = Object.values(result.metafile.outputs)[0];
  const byPackage = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const owner = file.includes('openapi-fetch')
      ? 'openapi-fetch'
      : file.includes('webhooks')
        ? '@opencom/webhooks'
        : file.includes('sdk/dist')
          ? '@opencom/sdk'
          : 'other';
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + bytesInOutput);
  }
  const parts = [...byPackage]
    .filter(([, bytes]) => bytes > 0)
    .map(([owner, bytes]) => `${owner} ${(bytes / 1000).toFixed(1)} kB`)
    .join(', ');
  console.log(
    `${name.padEnd(30)} ${(code.length / 1000).toFixed(2).padStart(6)} kB ${(gzipSync(code).length / 1000)
      .toFixed(2)
      .padStart(7)} kB   ${parts}`,
  );
}
