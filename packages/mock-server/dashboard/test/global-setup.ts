import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The dashboard built from the current sources for this run. */
    dashboardDir: string;
  }
}

const repo = (path: string) => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));

/**
 * Builds the page from its sources before the browser tests, so they never test a stale
 * dist/dashboard/ (and need no `pnpm build` first). The output goes under .tmp/, not dist/.
 */
export default async function setup(project: TestProject) {
  const dir = repo('.tmp/dashboard-build');
  rmSync(dir, { recursive: true, force: true });
  await build({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    build: { outDir: dir, emptyOutDir: true },
    logLevel: 'warn',
  });
  project.provide('dashboardDir', dir);
}
