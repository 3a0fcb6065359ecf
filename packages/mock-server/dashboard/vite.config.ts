import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { browserBuild } from './build/browser-build.ts';
import { specLists } from './build/spec-lists.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The dashboard page, built into dist/dashboard/ by the package's `build` script (after tsup, which
 * cleans dist/) and served by the HTTP adapter at /dashboard (src/adapters/dashboard-assets.ts).
 */
export default defineConfig({
  root: here('.'),
  base: '/dashboard/',
  publicDir: false,
  logLevel: 'warn',
  resolve: {
    // The SDK from its sources: the workspace builds this package before the SDK (whose tests use it).
    alias: {
      '@opencom/sdk': here('../../sdk/src/index.ts'),
      '@opencom/webhooks': here('../../webhooks/src/index.ts'),
    },
  },
  plugins: [browserBuild(), specLists()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // `vite --config dashboard/vite.config.ts` while `opencom-mock` runs on 4010: edit the page live.
  server: {
    proxy: { '/api': 'http://127.0.0.1:4010', '/__control': 'http://127.0.0.1:4010' },
  },
  build: {
    outDir: here('../dist/dashboard'),
    emptyOutDir: true,
    target: 'es2022',
    // Nothing is loaded from elsewhere at run time: the page works with no network beyond the server.
    assetsInlineLimit: 0,
  },
});
