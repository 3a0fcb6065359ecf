/**
 * `opencom articles import ./kb`, the command the README documents, run as a user runs it: the built CLI
 * (packages/cli/dist/bin.js, which `pnpm test` builds first) against the reference server over HTTP.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createMockServer, type HttpServer, seedEmptyWorkspace, startHttpServer } from '@opencom/mock-server';
import { Opencom } from '@opencom/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { readKnowledgeBase } from './knowledge-base';
import { syncKnowledgeBase } from './sync-knowledge-base';

const KB = fileURLToPath(new URL('../kb', import.meta.url));
const CLI = fileURLToPath(new URL('../../../packages/cli/dist/bin.js', import.meta.url));
const execute = promisify(execFile);

const servers: HttpServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function setup() {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: build the CLI first (pnpm build; pnpm test does)`);
  const server = createMockServer({ rateLimits: false });
  const { credential } = seedEmptyWorkspace(server);
  const http = await startHttpServer(server, { port: 0, dashboard: false });
  servers.push(http);
  const opencom = new Opencom({ apiKey: credential.secret, baseUrl: http.url });
  // The child process talks to the server in this process: it must not block the event loop (no spawnSync).
  const opencomCli = async (...args: string[]) => {
    const env = {
      PATH: process.env.PATH ?? '',
      OPENCOM_API_KEY: credential.secret,
      OPENCOM_BASE_URL: http.url,
      OPENCOM_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'opencom-config-')),
      NO_COLOR: '1',
      CI: '1',
    };
    const { stdout } = await execute(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
    return stdout;
  };
  return { opencom, opencomCli };
}

interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  failed: unknown[];
  items: { path: string; action: string; externalId: string | null }[];
  collections: { created: number; unchanged: number };
}

describe('opencom articles import ./kb', () => {
  it('imports the folder, then a second run changes nothing', async () => {
    const { opencom, opencomCli } = await setup();

    const first = JSON.parse(await opencomCli('articles', 'import', KB, '--json')) as ImportReport;
    const head = (await opencom.events.list({ after: 'now' })).nextCursor ?? '';
    const second = JSON.parse(await opencomCli('articles', 'import', KB, '--json')) as ImportReport;

    expect([first.created, first.collections.created, first.failed]).toEqual([4, 2, []]);
    expect(first.items.map((item) => item.externalId)).toEqual([
      'account/close-account.md',
      'account/single-sign-on.md',
      'billing/change-plan.md',
      'billing/refund-policy.md',
    ]);
    expect([second.created, second.updated, second.unchanged, second.collections.unchanged]).toEqual([
      0, 0, 4, 2,
    ]);
    expect((await opencom.events.list({ after: head })).data).toEqual([]);
  });

  it('agrees with the SDK script: after either one, the other finds nothing to change', async () => {
    const kb = await readKnowledgeBase(KB);
    const cliFirst = await setup();
    await cliFirst.opencomCli('articles', 'import', KB);
    const afterCli = await syncKnowledgeBase(cliFirst.opencom, kb);
    expect(afterCli.filter((change) => change.action !== 'unchanged')).toEqual([]);

    const sdkFirst = await setup();
    await syncKnowledgeBase(sdkFirst.opencom, kb);
    const report = JSON.parse(await sdkFirst.opencomCli('articles', 'import', KB, '--json')) as ImportReport;
    expect([report.created, report.updated, report.unchanged, report.collections.unchanged]).toEqual([
      0, 0, 4, 2,
    ]);
  });
});
