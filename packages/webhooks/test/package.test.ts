import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as source from '../src/index.js';
import ours from './vectors/opencom.json';

// Checks the built packages (run `pnpm --filter @opencom/webhooks build` first; the root `pnpm test`
// does). Skipped when dist/ is absent so that the source suites run without a build.
const dist = (path: string) => fileURLToPath(new URL(`../dist/${path}`, import.meta.url));
const built = existsSync(dist('web/index.js')) && existsSync(dist('node/index.cjs'));
const require = createRequire(import.meta.url);

type Api = typeof source;
const builds = async () => ({
  'node ESM': (await import(dist('node/index.js'))) as Api,
  'node CJS': require(dist('node/index.cjs')) as Api,
  'web ESM': (await import(dist('web/index.js'))) as Api,
  'web CJS': require(dist('web/index.cjs')) as Api,
});

const { standard } = ours;
const options = {
  body: standard.body,
  headers: {
    'webhook-id': standard.id,
    'webhook-timestamp': String(standard.timestamp),
    'webhook-signature': standard.signature,
  },
  secret: ours.secret,
  now: new Date(standard.timestamp * 1000),
};

describe.runIf(built)('the built package', () => {
  it('every build exports exactly the names of src/index.ts', async () => {
    for (const [name, api] of Object.entries(await builds())) {
      expect(Object.keys(api).sort(), name).toEqual(Object.keys(source).sort());
    }
  });

  it('the web build imports no node: module; the node build uses node:crypto', () => {
    for (const file of ['web/index.js', 'web/index.cjs']) {
      expect(readFileSync(dist(file), 'utf8')).not.toMatch(/(from|require\()\s*['"]node:/);
    }
    expect(readFileSync(dist('node/index.js'), 'utf8')).toContain("from 'node:crypto'");
  });

  it('every build returns the same event; only the node builds verify synchronously', async () => {
    for (const [name, api] of Object.entries(await builds())) {
      await expect(api.verifyWebhook(options), name).resolves.toEqual(JSON.parse(standard.body));
      if (name.startsWith('node')) expect(api.verifyWebhookSync(options)).toEqual(JSON.parse(standard.body));
      else expect(() => api.verifyWebhookSync(options), name).toThrow(/await verifyWebhook/);
    }
  });

  it('an error from one build is instanceof the class of another', async () => {
    const { 'node CJS': cjs, 'web ESM': web } = await builds();
    const error = await web
      .verifyWebhook({ ...options, secret: cjs.generateSecret() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(cjs.WebhookVerificationError);
    expect(error).toBeInstanceOf(source.WebhookVerificationError);
  });
});
