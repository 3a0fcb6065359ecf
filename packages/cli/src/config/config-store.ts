import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors';

/** What `opencom login` keeps per profile. The key is the only secret; the rest is for `whoami`. */
export interface Profile {
  apiKey: string;
  /** Origin given at login; absent means the default (or OPENCOM_BASE_URL). */
  baseUrl?: string;
  credentialName?: string;
  workspace?: { id: string; name: string };
  /** When the key was stored, ms since the epoch. */
  savedAt: number;
}

export interface ConfigFile {
  version: 1;
  /** The profile used without `--profile` / OPENCOM_PROFILE; set by the first login. */
  defaultProfile?: string;
  profiles: Record<string, Profile>;
  /**
   * Per profile name, the local secret `events tail --forward-to` signs with, kept so a receiver's
   * environment stays valid across runs (a profile may have no stored key: OPENCOM_API_KEY).
   */
  forwardSecrets?: Record<string, string>;
}

export const DEFAULT_PROFILE = 'default';

/**
 * `$OPENCOM_CONFIG_DIR`, else `$XDG_CONFIG_HOME/opencom`, else `~/.config/opencom` (`%APPDATA%\opencom`
 * on Windows) — the same order gh uses for its own directory.
 */
export function configDir(env: Record<string, string | undefined>): string {
  if (env.OPENCOM_CONFIG_DIR) return env.OPENCOM_CONFIG_DIR;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'opencom');
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'opencom');
  return join(env.HOME || homedir(), '.config', 'opencom');
}

/**
 * The config file, `config.json` in {@link configDir}. It holds API keys, so the directory is 0700
 * and the file 0600, written to a temporary file first and renamed so a crash never leaves half a file.
 */
export class ConfigStore {
  readonly path: string;
  readonly #dir: string;

  constructor(env: Record<string, string | undefined>) {
    this.#dir = configDir(env);
    this.path = join(this.#dir, 'config.json');
  }

  async read(): Promise<ConfigFile> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, profiles: {} };
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as ConfigFile;
      if (typeof parsed !== 'object' || parsed === null || typeof parsed.profiles !== 'object')
        throw new Error();
      return parsed;
    } catch {
      throw new UsageError(
        `${this.path} is not a valid opencom config file; fix it or delete it and log in again`,
      );
    }
  }

  async write(config: ConfigFile): Promise<void> {
    await mkdir(this.#dir, { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    // The mode given to writeFile is filtered by the umask; make sure it is exactly 0600.
    await chmod(temporary, 0o600);
    await rename(temporary, this.path);
  }

  async remove(): Promise<void> {
    await rm(this.path, { force: true });
  }

  /** True when the file can be read by other users (someone copied it, or an old umask). */
  async isExposed(): Promise<boolean> {
    try {
      return process.platform !== 'win32' && ((await stat(this.path)).mode & 0o077) !== 0;
    } catch {
      return false;
    }
  }
}

/** `--profile`, else OPENCOM_PROFILE, else the config's default, else `default`. */
export function profileName(
  flag: string | undefined,
  env: Record<string, string | undefined>,
  config: ConfigFile | undefined,
): string {
  return flag || env.OPENCOM_PROFILE || config?.defaultProfile || DEFAULT_PROFILE;
}
