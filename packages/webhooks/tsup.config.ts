import { resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

// One source tree, two JavaScript builds with identical exports and one set of types:
// - dist/node: HMAC through node:crypto (synchronous), for the `node` export condition (Node, Deno, Bun);
// - dist/web:  HMAC through Web Crypto, for browsers, Workers, Vercel Edge and the `default` condition.
// The Web build swaps the one module that picks the backend, src/crypto/runtime.ts, for runtime-web.ts.
// It is built for the `neutral` platform, so any `node:` import that slipped in fails the build.
const useWebCrypto: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'opencom-web-crypto',
  setup(build) {
    build.onResolve({ filter: /(^|\/)crypto\/runtime\.js$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.replace(/runtime\.js$/, 'runtime-web.ts')),
    }));
  },
};

const shared = {
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  target: 'es2022',
  sourcemap: true,
  clean: true,
  dts: false,
  treeshake: true,
  removeNodeProtocol: false,
} satisfies Options;

export default defineConfig([
  { ...shared, outDir: 'dist/node', platform: 'node' },
  { ...shared, outDir: 'dist/web', platform: 'neutral', esbuildPlugins: [useWebCrypto] },
  { ...shared, outDir: 'dist/types', sourcemap: false, dts: { only: true } },
]);
