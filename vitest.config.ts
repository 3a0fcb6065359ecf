import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packages = ['sdk', 'webhooks', 'cli', 'mock-server'] as const;
const examples = ['claim-bot', 'webhook-receiver-express', 'webhook-receiver-fetch', 'kb-sync'] as const;

// Tests import sibling packages by name and run against their sources, so a change in one package
// is seen by the others' suites without a rebuild (the same map as tsconfig.base.json's `paths`).
const alias = Object.fromEntries(
  packages.map((name) => [
    `@opencom/${name}`,
    fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url)),
  ]),
);

export default defineConfig({
  resolve: { alias },
  test: {
    // Every suite is deterministic: no watch, no retries that hide flakiness.
    watch: false,
    restoreMocks: true,
    // In CI a JSON report lets .ci/run print one plain `N passed, N failed` line at the end.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.tmp/vitest-results.json' },
    projects: [
      ...packages.map((name) => ({
        extends: true as const,
        test: {
          name,
          root: `./packages/${name}`,
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        },
      })),
      {
        extends: true as const,
        test: { name: 'repo', include: ['scripts/**/*.test.ts', 'spec/**/*.test.ts'] },
      },
      {
        // Fuzzing, authorization, concurrency, faults and crash durability (docs/security.md).
        extends: true as const,
        test: { name: 'reliability', include: ['reliability/**/*.test.ts'], testTimeout: 60_000 },
      },
      // The runnable examples, each tested as a user would run it (examples/README.md).
      ...examples.map((name) => ({
        extends: true as const,
        test: { name: `example-${name}`, root: `./examples/${name}`, include: ['src/**/*.test.ts'] },
      })),
      {
        // The reference server's dashboard in a real Chromium (playwright-core, /usr/bin/chromium).
        extends: true as const,
        test: {
          name: 'dashboard',
          root: './packages/mock-server/dashboard',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          // One browser at a time, with time to spare on a busy machine.
          maxWorkers: 1,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
