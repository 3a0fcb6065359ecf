import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from './support';

/** Polls until nothing answers at `url` (the server shuts down on its own; bounded at 10 s). */
async function serverGone(url: string): Promise<boolean> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const answered = await fetch(url).then(
      () => true,
      () => false,
    );
    if (!answered) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

const me = (url: string, key: string) =>
  fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } });

describe('opencom mock', { timeout: 20_000 }, () => {
  it('starts the reference server with the demo workspace, prints its key once and a hint, and exits 0 on SIGINT', async () => {
    const mock = spawnCli(['mock', '--port', '0', '--quiet'], { env: {} });
    const [, key] = await mock.output.waitFor(/^API key \(shown once\): (osk_\S+)$/m);
    const [, url] = await mock.output.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    await mock.output.waitFor(
      /Next, in another terminal: export OPENCOM_BASE_URL=(\S+) ; opencom login/,
      'stderr',
    );
    expect(mock.output.stderr).toContain(
      `export OPENCOM_BASE_URL=${url} ; opencom login (paste the API key above)`,
    );

    const response = await me(url ?? '', key ?? '');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ workspace: { name: 'Demo workspace' } });

    mock.kill('SIGINT');
    await mock.output.exited;
    expect(mock.output.result()).toMatchObject({ code: 0, signal: null });
    expect(mock.output.stdout.match(/osk_/g)).toHaveLength(1);
    await expect(me(url ?? '', key ?? '')).rejects.toThrow();
  });

  it('--json prints one document once the server is ready, the server log on stderr; SIGTERM stops it', async () => {
    const mock = spawnCli(['mock', '--port', '0', '--seed', 'empty', '--no-dashboard', '--json'], {
      env: {},
    });
    await mock.output.waitFor(/\}\n/);
    const ready = JSON.parse(mock.output.stdout);
    expect(ready).toMatchObject({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      apiKey: expect.stringMatching(/^osk_/),
    });
    expect(ready.dashboardUrl).toBeUndefined();
    expect(mock.output.stderr).toContain('Opencom reference server listening on');
    expect((await me(ready.url, ready.apiKey)).status).toBe(200);
    mock.kill('SIGTERM');
    await mock.output.exited;
    expect(mock.output.result().code).toBe(0);
  });

  it('--seed none starts without a workspace, and the server does not outlive a killed CLI', async () => {
    const mock = spawnCli(['mock', '--port', '0', '--seed', 'none', '--quiet'], { env: {} });
    const [, url] = await mock.output.waitFor(/export OPENCOM_BASE_URL=(\S+) ; opencom login\n/, 'stderr');
    expect(mock.output.stdout).not.toContain('osk_');
    expect((await fetch(`${url}/api/v1/me`)).status).toBe(401);
    // SIGKILL gives the CLI no chance to forward anything; the server notices its parent is gone.
    mock.kill('SIGKILL');
    await mock.output.exited;
    await expect(serverGone(url ?? '')).resolves.toBe(true);
  });

  it('bad options are usage errors (exit 2)', async () => {
    const [badSeed, badPort, badSchedule] = await Promise.all([
      runCli(['mock', '--seed', 'huge']),
      runCli(['mock', '--port', '70000']),
      runCli(['mock', '--port', '0', '--retry-schedule', 'soon']),
    ]);
    expect(badSeed.code).toBe(2);
    expect(badSeed.stderr).toContain('Allowed choices are demo, empty, none');
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('expected a port from 0 to 65535');
    // Options the server itself checks: its message, its exit code.
    expect(badSchedule.code).toBe(2);
    expect(badSchedule.stderr).toContain('--retry-schedule');
  });
});
