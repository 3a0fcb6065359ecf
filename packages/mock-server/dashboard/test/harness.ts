import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { type HttpServer, startHttpServer } from '../../src/adapters/http';
import { seedDemoWorkspace } from '../../src/control/seed';
import { ManualClock } from '../../src/engine/clock';
import { createMockServer, type MockServer } from '../../src/server';
import { request } from '../../test/support';
import { type Receiver, startReceiver } from '../../test/webhook-receiver';
import { type Browser, launchBrowser } from './browser';

/** 2026-01-01 09:00 UTC; the browser runs in UTC too, so the page shows `2026-01-01 09:00:00`. */
export const START = Date.UTC(2026, 0, 1, 9);
/** Two attempts a minute apart: a failure, a visible retry, then a final failure. */
export const RETRY_SCHEDULE = [0, 60_000];

const ARTIFACTS = fileURLToPath(new URL('../../../../.tmp/artifacts/dashboard/', import.meta.url));

export interface Dashboard {
  server: MockServer;
  http: HttpServer;
  page: Page;
  /** A webhook receiver on 127.0.0.1 whose answers the test sets (`receiver.fallback`). */
  receiver: Receiver;
  workspaceId: string;
  /** The demo workspace's all-scopes key, for acting as a bot beside the page. */
  botKey: string;
  /** A control-API call: `control('POST /clock/advance', { ms: 60_000 })`. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON
  control(line: string, body?: unknown): Promise<any>;
  /** A public-API call with the bot's key. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON
  api(line: string, body?: unknown): Promise<any>;
  /** Opens /dashboard and connects with a new "Dashboard" key in the demo workspace. */
  connect(): Promise<void>;
  /** Saves the page as .tmp/artifacts/dashboard/<name>.png. */
  screenshot(name: string): Promise<void>;
}

/** A call through the engine in-process, as `request` makes it; a refusal fails the test. */
async function call(server: MockServer, line: string, body: unknown, key?: string) {
  const response = await request(server, line, { ...(key ? { key } : {}), body });
  if (response.status >= 400)
    throw new Error(`${line} → ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body ?? null;
}

/**
 * One browser per test file and, per test, a fresh reference server over real HTTP (its clock still,
 * moved only by the test), the demo workspace, a receiver and a new tab. Every response the server
 * sends is checked against the spec.
 *
 * @example
 * const dashboard = useDashboard();
 * it('...', async () => {
 *   const { page, connect } = await dashboard.start();
 * });
 */
export function useDashboard(): { start(options?: { control?: boolean }): Promise<Dashboard> } {
  let browser: Browser | undefined;
  const running: Dashboard[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const violations: string[] = [];
    for (const dashboard of running.splice(0)) {
      await dashboard.page.close();
      await dashboard.http.close();
      violations.push(...dashboard.server.contractViolations.splice(0));
    }
    expect(violations, 'responses that do not match the spec').toEqual([]);
  });

  async function start({ control = true } = {}): Promise<Dashboard> {
    if (!browser) throw new Error('useDashboard(): the browser did not start');
    const server = createMockServer({
      clock: new ManualClock(START),
      seed: 42,
      // The clock stands still, so every request would fall in one rate-limit window.
      rateLimits: false,
      validateResponses: true,
      control,
      retrySchedule: RETRY_SCHEDULE,
      // Jitter pinned: each wait is exactly the schedule's.
      delivery: { random: () => 0.5 },
    });
    const { workspace, credential } = seedDemoWorkspace(server);
    const http = await startHttpServer(server, {
      port: 0,
      realTime: false,
      dashboard: { dir: inject('dashboardDir') },
    });
    const receiver = await startReceiver(() => server.clock.now());
    const page = await browser.context.newPage();
    const dashboard: Dashboard = {
      server,
      http,
      page,
      receiver,
      workspaceId: workspace.id,
      botKey: credential.secret,
      control: (line, body) => call(server, line.replace(' ', ' /__control'), body),
      api: (line, body) => call(server, line.replace(' ', ' /api/v1'), body, credential.secret),
      async connect() {
        await page.goto(`${http.url}/dashboard`);
        await page.getByRole('button', { name: 'Create a "Dashboard" key and open' }).click();
        await page.getByRole('heading', { level: 1, name: 'Credentials' }).waitFor();
      },
      async screenshot(name) {
        await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
      },
    };
    running.push(dashboard);
    return dashboard;
  }

  return { start };
}
