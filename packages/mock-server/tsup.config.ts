import { defineConfig } from 'tsup';

export default defineConfig({
  // `msw` is a subpath so the main entry never imports msw; `bin` is the opencom-mock command.
  entry: { index: 'src/index.ts', msw: 'src/adapters/msw.ts', bin: 'src/bin.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', msw: 'src/adapters/msw.ts' } },
  // Cleans dist/ first: the package's `build` script runs Vite after tsup, into dist/dashboard/.
  clean: true,
  // The CJS build needs `import.meta.url` to find dist/dashboard/ (adapters/dashboard-assets.ts).
  shims: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'node',
});
