// Bundle-size budgets of @opencom/sdk, minified and gzipped with all dependencies, as a browser app
// would ship them (`pnpm size` from the repository root, after `pnpm build`; part of `pnpm check`).
// A JS config because of modifyEsbuildConfig: inside the repository, esbuild would otherwise apply this
// package's tsconfig `paths`, which map @opencom/webhooks to its Node sources instead of its published
// browser build.
const withoutWorkspacePaths = (config) => ({ ...config, tsconfigRaw: '{}' });

export default [
  {
    name: 'import { Opencom } from "@opencom/sdk"',
    path: 'dist/index.js',
    import: '{ Opencom }',
    limit: '15 kB',
    gzip: true,
    modifyEsbuildConfig: withoutWorkspacePaths,
  },
  {
    name: 'import { createRawClient } from "@opencom/sdk"',
    path: 'dist/index.js',
    import: '{ createRawClient }',
    limit: '7 kB',
    gzip: true,
    modifyEsbuildConfig: withoutWorkspacePaths,
  },
];
