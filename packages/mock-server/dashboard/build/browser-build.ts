import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Keeps the page a browser bundle:
 * - bundles @opencom/webhooks from its sources with the Web Crypto backend, as that package's own Web
 *   build does (packages/webhooks/tsup.config.ts swaps `crypto/runtime` for `crypto/runtime-web`), so
 *   the page needs no earlier build of it;
 * - fails the build on any `node:` import, which Vite would otherwise replace with an empty module.
 */
export function browserBuild(): Plugin {
  return {
    name: 'opencom-browser-build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer?.includes('/packages/webhooks/src/') && /(^|\/)runtime\.js$/.test(source)) {
        return resolve(dirname(importer), source.replace(/runtime\.js$/, 'runtime-web.ts'));
      }
      if (source.startsWith('node:')) {
        this.error(`the dashboard runs in the browser, but ${importer ?? 'the entry'} imports ${source}`);
      }
      return null;
    },
  };
}
