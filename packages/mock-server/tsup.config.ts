import { defineConfig } from 'tsup';

export default defineConfig({
  // `msw` is a subpath so the main entry never imports msw; `bin` is the opencom-mock command.
  entry: { index: 'src/index.ts', msw: 'src/adapters/msw.ts', bin: 'src/bin.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', msw: 'src/adapters/msw.ts' } },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'node',
});
