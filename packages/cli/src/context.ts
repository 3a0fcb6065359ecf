import type { Opencom } from '@opencom/sdk';
import packageJson from '../package.json' with { type: 'json' };
import { ConfigStore, type Profile, profileName } from './config/config-store';
import { UsageError } from './errors';
import type { IO } from './io/io';
import { Output } from './output/output';

/** Options every command accepts (defined on the program, before or after the command). */
export interface Globals {
  json?: boolean;
  profile?: string;
}

/** Where the key in use came from, for `whoami` and error hints. */
export interface Credentials {
  apiKey: string;
  baseUrl: string | undefined;
  source: 'environment' | { profile: string };
}

/** What every command gets: IO, output, config, and an API client created only when needed. */
export interface Context {
  io: IO;
  globals: Globals;
  output: Output;
  config: ConfigStore;
  /** The profile name in effect (`--profile`, OPENCOM_PROFILE, the default). */
  profile(): Promise<string>;
  /** The key and base URL: OPENCOM_API_KEY / OPENCOM_BASE_URL over the profile's. */
  credentials(): Promise<Credentials>;
  /** A client for the credentials in effect; throws a usage error that says how to log in. */
  api(): Promise<Opencom>;
  /** A client for explicit credentials (login verifies a key before storing it). */
  clientFor(apiKey: string, baseUrl: string | undefined): Promise<Opencom>;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

export function createContext(io: IO, globals: Globals, fetchImpl?: typeof fetch): Context {
  const config = new ConfigStore(io.env);
  let client: Promise<Opencom> | undefined;
  // Resolved once per run: `whoami` and `api()` both need them, and the config file (and its
  // permissions warning) should be read once.
  let resolved: Promise<Credentials> | undefined;
  const env = io.env;

  const profile = async () => profileName(globals.profile, env, await config.read());

  const resolveCredentials = async (): Promise<Credentials> => {
    const envBaseUrl = env.OPENCOM_BASE_URL || undefined;
    if (env.OPENCOM_API_KEY)
      return { apiKey: env.OPENCOM_API_KEY, baseUrl: envBaseUrl, source: 'environment' };
    const file = await config.read();
    const name = profileName(globals.profile, env, file);
    const stored: Profile | undefined = file.profiles[name];
    if (stored === undefined) {
      const hint = globals.profile || env.OPENCOM_PROFILE ? ` for profile "${name}"` : '';
      throw new UsageError(`not logged in${hint}: run \`opencom login\` or set OPENCOM_API_KEY`);
    }
    if (await config.isExposed()) {
      io.err.write(`warning: ${config.path} is readable by other users; run: chmod 600 ${config.path}\n`);
    }
    return { apiKey: stored.apiKey, baseUrl: envBaseUrl ?? stored.baseUrl, source: { profile: name } };
  };

  const credentials = () => {
    resolved ??= resolveCredentials();
    return resolved;
  };

  const clientFor = async (apiKey: string, baseUrl: string | undefined) => {
    // The SDK is loaded with the first command that calls the API, never for --help or --version.
    const { Opencom } = await import('@opencom/sdk');
    return new Opencom({
      apiKey,
      baseUrl,
      userAgent: `opencom-cli/${packageJson.version}`,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });
  };

  return {
    io,
    globals,
    output: new Output(io, globals.json === true),
    config,
    profile,
    credentials,
    api() {
      client ??= credentials().then(({ apiKey, baseUrl }) => clientFor(apiKey, baseUrl));
      return client;
    },
    clientFor,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  };
}
