/**
 * The SDK must run on Node ≥ 20, Deno, Bun, browsers and edge runtimes: bundling it for the browser
 * must not pull in a single Node built-in. @opencom/webhooks is bundled from source with the same
 * crypto swap its own Web build makes (packages/webhooks/tsup.config.ts), which is what the `browser`
 * export condition gives a real consumer.
 */
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const sdkEntry = resolve(here, '../src/index.ts');
const webhooksEntry = resolve(here, '../../webhooks/src/index.ts');
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

function guard(found: string[]): Plugin {
  return {
    name: 'node-builtin-guard',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (builtins.has(args.path) || args.path.startsWith('node:')) {
          found.push(`${args.path} (imported by ${args.importer.replace(resolve(here, '../..'), '')})`);
          return { path: args.path, external: true };
        }
        if (args.path === '@opencom/webhooks') return { path: webhooksEntry };
        if (/(^|\/)crypto\/runtime\.js$/.test(args.path)) {
          return { path: resolve(args.resolveDir, args.path.replace(/runtime\.js$/, 'runtime-web.ts')) };
        }
        return undefined;
      });
    },
  };
}

async function bundle(contents: string) {
  const found: string[] = [];
  const result = await build({
    stdin: { contents, resolveDir: resolve(here, '../src'), loader: 'ts' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    plugins: [guard(found)],
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { found, gzipped: gzipSync(code).length };
}

describe('browser bundle', () => {
  it('src/index.ts bundles for the browser without a Node built-in', async () => {
    const { found } = await bundle(`export * from ${JSON.stringify(sdkEntry)};`);
    expect(found).toEqual([]);
  });

  it('the guard itself catches a Node import', async () => {
    const { found } = await bundle(`export { readFileSync } from 'node:fs';`);
    expect(found).toEqual(['node:fs (imported by <stdin>)']);
  });

  it('import { Opencom } stays within the 15 kB (min+gzip) budget', async () => {
    const { found, gzipped } = await bundle(`export { Opencom } from ${JSON.stringify(sdkEntry)};`);
    expect(found).toEqual([]);
    expect(gzipped).toBeLessThanOrEqual(15 * 1024);
  });
});
