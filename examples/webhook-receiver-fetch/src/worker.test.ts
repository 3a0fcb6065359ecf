/**
 * "Runs unchanged on a Worker": the Worker entry is bundled the way wrangler does it (esbuild, the
 * `workerd` export condition, so @opencom/webhooks' Web Crypto build), must not import a single Node
 * built-in, and the bundle then verifies deliveries with Web Crypto only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateSecret, generateTestHeaders } from '@opencom/webhooks';
import { build, type Plugin } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const webhooksSource = resolve(here, '../../../packages/webhooks/src/index.ts');
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/**
 * Inside the repository @opencom/webhooks is bundled from source with the same module swap its Web build
 * makes (packages/webhooks/tsup.config.ts), which is what the `workerd` condition gives a deployed Worker.
 */
function workerResolution(nodeImports: string[]): Plugin {
  return {
    name: 'worker-resolution',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (builtins.has(args.path)) {
          nodeImports.push(args.path);
          return { path: args.path, external: true };
        }
        if (args.path === '@opencom/webhooks') return { path: webhooksSource };
        if (/(^|\/)crypto\/runtime\.js$/.test(args.path)) {
          return { path: resolve(args.resolveDir, args.path.replace(/runtime\.js$/, 'runtime-web.ts')) };
        }
        return undefined;
      });
    },
  };
}

const out = mkdtempSync(join(tmpdir(), 'opencom-worker-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function bundleWorker() {
  const nodeImports: string[] = [];
  const result = await build({
    entryPoints: [resolve(here, 'worker.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    plugins: [workerResolution(nodeImports)],
    logLevel: 'silent',
  });
  const file = join(out, 'worker.mjs');
  writeFileSync(file, result.outputFiles[0]?.text ?? '');
  return { file, nodeImports };
}

describe('the Worker entry (src/worker.ts)', () => {
  it('bundles for workerd without a Node built-in and verifies with Web Crypto', async () => {
    const { file, nodeImports } = await bundleWorker();
    expect(nodeImports).toEqual([]);

    const worker = (await import(pathToFileURL(file).href)) as {
      default: { fetch(request: Request, env: { OPENCOM_WEBHOOK_SECRET: string }): Promise<Response> };
    };
    const secret = generateSecret();
    const body = JSON.stringify({
      id: 'evt_worker',
      type: 'webhook.test',
      createdAt: Date.now(),
      workspaceId: 'ws_1',
      resource: { type: 'webhook', id: 'whk_1' },
      data: {},
    });
    const headers = await generateTestHeaders({ body, secret });
    const env = { OPENCOM_WEBHOOK_SECRET: secret };
    const request = (payload: string) =>
      new Request('https://worker.example/webhooks/opencom', { method: 'POST', body: payload, headers });

    expect((await worker.default.fetch(request(body), env)).status).toBe(204);
    const tampered = await worker.default.fetch(request(body.replace('whk_1', 'whk_2')), env);
    expect(tampered.status).toBe(400);
    expect(await tampered.json()).toMatchObject({ reason: 'bad_signature' });
  });
});
