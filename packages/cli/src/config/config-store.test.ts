import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigStore, configDir, profileName } from './config-store';

describe('configDir', () => {
  it('prefers OPENCOM_CONFIG_DIR, then XDG_CONFIG_HOME/opencom, then ~/.config/opencom', () => {
    expect(configDir({ OPENCOM_CONFIG_DIR: '/a', XDG_CONFIG_HOME: '/b', HOME: '/h' })).toBe('/a');
    expect(configDir({ XDG_CONFIG_HOME: '/b', HOME: '/h' })).toBe('/b/opencom');
    expect(configDir({ HOME: '/h' })).toBe('/h/.config/opencom');
  });
});

describe('profileName', () => {
  it('takes --profile, then OPENCOM_PROFILE, then the default profile, then "default"', () => {
    const config = { version: 1 as const, defaultProfile: 'work', profiles: {} };
    expect(profileName('flag', { OPENCOM_PROFILE: 'env' }, config)).toBe('flag');
    expect(profileName(undefined, { OPENCOM_PROFILE: 'env' }, config)).toBe('env');
    expect(profileName(undefined, {}, config)).toBe('work');
    expect(profileName(undefined, {}, undefined)).toBe('default');
  });
});

describe('ConfigStore', () => {
  it('writes a 0600 file in a 0700 directory even under a permissive umask', async () => {
    const home = await mkdtemp(join(tmpdir(), 'opencom-config-'));
    const previous = process.umask(0o000);
    try {
      const store = new ConfigStore({ XDG_CONFIG_HOME: home });
      await store.write({ version: 1, profiles: { default: { apiKey: 'osk_x', savedAt: 1 } } });
      expect((await stat(store.path)).mode & 0o777).toBe(0o600);
      expect((await stat(join(home, 'opencom'))).mode & 0o777).toBe(0o700);
      expect(await store.isExposed()).toBe(false);
      expect((await store.read()).profiles.default?.apiKey).toBe('osk_x');
    } finally {
      process.umask(previous);
    }
  });

  it('reads a missing file as no profiles, and a corrupt one as a usage error naming the file', async () => {
    const home = await mkdtemp(join(tmpdir(), 'opencom-config-'));
    const store = new ConfigStore({ XDG_CONFIG_HOME: home });
    expect(await store.read()).toEqual({ version: 1, profiles: {} });
    await store.write({ version: 1, profiles: {} });
    await writeFile(store.path, '{ not json');
    await expect(store.read()).rejects.toThrow(`${store.path} is not a valid opencom config file`);
    expect(await readFile(store.path, 'utf8')).toBe('{ not json');
  });
});
