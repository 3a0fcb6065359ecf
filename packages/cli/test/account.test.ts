import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKey, runCli, runInTerminal, runJson, startServer } from './support';

/** The env of a user who has not logged in: the server's URL, no key. */
const loggedOut = (t: { url: string; configDir: string }) => ({
  OPENCOM_BASE_URL: t.url,
  XDG_CONFIG_HOME: t.configDir,
});

async function configFile(configDir: string) {
  const path = join(configDir, 'opencom', 'config.json');
  return { path, mode: (await stat(path)).mode & 0o777, json: JSON.parse(await readFile(path, 'utf8')) };
}

describe('opencom login', () => {
  it('reads the key from stdin, checks it with GET /me and stores it with mode 0600', async () => {
    const t = await startServer();
    const login = await runCli(['login'], { env: loggedOut(t), stdin: `${t.apiKey}\n` });
    expect(login.code).toBe(0);
    expect(login.stdout).toBe('');
    expect(login.stderr).toMatch(/✓ Logged in as Demo key \(demo-bot\) to Demo workspace; profile "default"/);
    expect(login.stderr).not.toContain(t.apiKey);

    const file = await configFile(t.configDir);
    expect(file.mode).toBe(0o600);
    expect((await stat(join(t.configDir, 'opencom'))).mode & 0o777).toBe(0o700);
    expect(file.json.defaultProfile).toBe('default');
    expect(file.json.profiles.default).toMatchObject({ apiKey: t.apiKey, workspace: { id: t.workspaceId } });

    const whoami = await runCli(['whoami'], { env: loggedOut(t) });
    expect(whoami.code).toBe(0);
    expect(whoami.stdout).toMatch(/^name\s+Demo key$/m);
    expect(whoami.stdout).toMatch(/^key from\s+profile "default"$/m);
    expect(whoami.stdout).not.toContain(t.apiKey);
  });

  it('prompts for the key on a terminal, masking what is typed', async () => {
    const t = await startServer();
    const { code, screen } = await runInTerminal(
      ['login'],
      [{ prompt: /Paste your Opencom API key/, input: `${t.apiKey}\r` }],
      {
        env: loggedOut(t),
      },
    );
    expect(code).toBe(0);
    expect(screen).toContain('Logged in as Demo key');
    expect(screen).not.toContain(t.apiKey);
    expect((await configFile(t.configDir)).json.profiles.default.apiKey).toBe(t.apiKey);
  });

  it('never prompts when CI is set, even on a terminal: it says how to pass the key', async () => {
    const t = await startServer();
    const { code, screen } = await runInTerminal(['login'], [], { env: { ...loggedOut(t), CI: 'true' } });
    expect(code).toBe(2);
    expect(screen).toContain('no terminal to prompt on (CI is set)');
  });

  it('refuses a key the server rejects, exits 6 and stores nothing', async () => {
    const t = await startServer();
    const wrong = `osk_${'x'.repeat(48)}`;
    const login = await runCli(['login'], { env: loggedOut(t), stdin: wrong });
    expect(login.code).toBe(6);
    expect(login.stderr).toMatch(/^opencom: .+ \(unauthenticated, request req_\w+\)\n$/);
    expect(login.stderr).not.toContain(wrong);
    await expect(stat(join(t.configDir, 'opencom', 'config.json'))).rejects.toThrow();
  });

  it('rejects something that is not a key before calling the API, with exit 2', async () => {
    const t = await startServer();
    const login = await runCli(['login'], { env: loggedOut(t), stdin: 'hunter2' });
    expect(login.code).toBe(2);
    expect(login.stderr).toBe(
      'opencom: that is not an Opencom API key (expected osk_ followed by 48 letters and digits)\n',
    );
  });

  it('keeps one key per profile; --profile and OPENCOM_PROFILE choose, the first login is the default', async () => {
    const t = await startServer();
    const limited = await createKey(t, ['conversations.read'], 'Reader');

    expect((await runCli(['login'], { env: loggedOut(t), stdin: t.apiKey })).code).toBe(0);
    expect(
      (await runCli(['login', '--profile', 'reader'], { env: loggedOut(t), stdin: limited.secret })).code,
    ).toBe(0);

    expect((await runJson(['whoami'], { env: loggedOut(t) })).name).toBe('Demo key');
    expect((await runJson(['whoami', '--profile', 'reader'], { env: loggedOut(t) })).name).toBe('Reader');
    expect((await runJson(['whoami'], { env: { ...loggedOut(t), OPENCOM_PROFILE: 'reader' } })).name).toBe(
      'Reader',
    );
    // OPENCOM_API_KEY wins over any stored profile.
    expect(
      (
        await runJson(['whoami', '--profile', 'reader'], {
          env: { ...loggedOut(t), OPENCOM_API_KEY: t.apiKey },
        })
      ).name,
    ).toBe('Demo key');
  });

  it('--json prints the credential, never the key', async () => {
    const t = await startServer();
    const result = await runJson(['login'], { env: loggedOut(t), stdin: t.apiKey });
    expect(result).toMatchObject({ profile: 'default', baseUrl: t.url, credential: { name: 'Demo key' } });
    expect(JSON.stringify(result)).not.toContain(t.apiKey);
  });
});

describe('opencom logout', () => {
  it('removes the profile, after which commands say how to log in (exit 2)', async () => {
    const t = await startServer();
    await runCli(['login'], { env: loggedOut(t), stdin: t.apiKey });
    const logout = await runCli(['logout'], { env: loggedOut(t) });
    expect(logout.code).toBe(0);
    expect(logout.stderr).toContain('Removed the key of profile "default"');
    expect((await configFile(t.configDir)).json.profiles).toEqual({});

    const whoami = await runCli(['whoami'], { env: loggedOut(t) });
    expect(whoami.code).toBe(2);
    expect(whoami.stderr).toBe('opencom: not logged in: run `opencom login` or set OPENCOM_API_KEY\n');
  });

  it('exits 1 when the profile was not logged in', async () => {
    const t = await startServer();
    const logout = await runCli(['logout', '--profile', 'nobody'], { env: loggedOut(t) });
    expect(logout.code).toBe(1);
    expect(logout.stderr).toBe('opencom: not logged in for profile "nobody"\n');
  });
});

describe('opencom whoami', () => {
  it('uses OPENCOM_API_KEY and shows scopes, rate limits and where the key came from', async () => {
    const t = await startServer();
    const { code, stdout, stderr } = await runCli(['whoami'], { env: t.env });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^workspace\s+Demo workspace \(ws_\w+\)$/m);
    expect(stdout).toMatch(/^scopes\s+conversations\.read, .*claims\.manage$/m);
    expect(stdout).toMatch(/^key from\s+OPENCOM_API_KEY$/m);
    expect(stdout).toMatch(/^api\s+http:\/\/127\.0\.0\.1:\d+$/m);
  });

  it('--json prints GET /me as returned', async () => {
    const t = await startServer();
    const me = await runJson(['whoami'], { env: t.env });
    expect(me).toMatchObject({ name: 'Demo key', actorName: 'demo-bot', workspace: { id: t.workspaceId } });
    expect(me.rateLimits.credential.limit).toBeGreaterThan(0);
  });

  it('a disabled key exits 6 with the problem code and request ID on one stderr line', async () => {
    const t = await startServer();
    const me = await runJson(['whoami'], { env: t.env });
    await fetch(`${t.url}/__control/credentials/${me.credentialId}/disable`, { method: 'POST' });
    const { code, stdout, stderr } = await runCli(['whoami'], { env: t.env });
    expect(code).toBe(6);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^opencom: [^\n]+ \(credential_disabled, request req_\w+\)\n$/);
  });

  it('a server that is not running is a one-line connection error with a hint, exit 1', async () => {
    const t = await startServer();
    // A port that was free a moment ago: nothing listens there.
    const { createServer } = await import('node:net');
    const probe = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => probe.once('listening', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const { code, stderr } = await runCli(['whoami'], {
      env: { ...t.env, OPENCOM_BASE_URL: `http://127.0.0.1:${port}` },
    });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('`opencom mock` starts one locally');
  });

  it('warns when the config file is readable by others', async () => {
    const t = await startServer();
    await runCli(['login'], { env: loggedOut(t), stdin: t.apiKey });
    const { chmod } = await import('node:fs/promises');
    const file = await configFile(t.configDir);
    await chmod(file.path, 0o644);
    const { code, stderr } = await runCli(['whoami'], { env: loggedOut(t) });
    expect(code).toBe(0);
    expect(stderr).toContain(`run: chmod 600 ${file.path}`);
  });
});
