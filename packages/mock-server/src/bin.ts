#!/usr/bin/env node
// `opencom-mock`: the reference server over HTTP for local use. Run `opencom-mock --help`.
import { startHttpServer } from './adapters/http';
import { HELP, parseOptions, UsageError } from './cli/options';
import { seedDemoWorkspace, seedEmptyWorkspace } from './control/seed';
import { ManualClock } from './engine/clock';
import { createMockServer } from './server';

const untilSignal = () =>
  new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });

async function main(args: readonly string[]): Promise<number> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`opencom-mock: ${error.message}\nRun opencom-mock --help for the options.`);
    return 2;
  }
  if (options === null) {
    process.stdout.write(HELP);
    return 0;
  }
  // Real time from now on: the engine keeps a ManualClock that the HTTP adapter moves forward.
  const start = Date.now();
  const server = createMockServer({
    clock: new ManualClock(start),
    seed: start,
    rateLimits: options.rateLimits,
    ...(options.retrySchedule === undefined ? {} : { retrySchedule: options.retrySchedule }),
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
  });
  const restored = server.store.workspaces.size;
  if (options.dataDir !== undefined) {
    console.log(`State in ${options.dataDir}: restored ${restored} workspace(s).`);
  }
  // A restored directory is not seeded again: its workspaces and keys are already there.
  const seeded =
    options.seed === null || restored > 0
      ? null
      : (options.seed === 'demo' ? seedDemoWorkspace : seedEmptyWorkspace)(server);
  // The seeded key is printed below: it must be on disk first.
  server.journal?.flush();
  const http = await startHttpServer(server, {
    port: options.port,
    host: options.host,
    dashboard: options.dashboard,
    ...(options.quiet ? {} : { log: (line: string) => console.log(line) }),
  });
  console.log(
    `Opencom reference server listening on ${http.url} (API ${http.url}/api/v1, control ${http.url}/__control)`,
  );
  if (http.dashboardUrl) console.log(`Dashboard: ${http.dashboardUrl}`);
  if (seeded) {
    console.log(`Seeded "${seeded.workspace.name}" (${seeded.workspace.id}) with an all-scopes key.`);
    // The only time the secret is printed: the server stores its hash and never logs it.
    console.log(`API key (shown once): ${seeded.credential.secret}`);
    console.log(`Try: curl -H "Authorization: Bearer <the key>" ${http.url}/api/v1/me`);
  }
  const signal = await untilSignal();
  // A second Ctrl-C while in-flight requests finish stops at once.
  process.once('SIGINT', () => process.exit(130));
  console.log(`${signal}: closing after in-flight requests`);
  await http.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`opencom-mock: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
