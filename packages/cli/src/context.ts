import { createRawClient, type RawClient } from '@opencom/sdk';
import { UsageError } from './errors';
import type { IO } from './io/io';

/** What every command gets: IO, and a client created only when the command needs one. */
export interface Context {
  io: IO;
  /** Options every command accepts. */
  globals: { json?: boolean; profile?: string };
  /** The spec-typed client, configured from OPENCOM_API_KEY / OPENCOM_BASE_URL. */
  client(): RawClient;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

export function createContext(io: IO, globals: Context['globals'], fetchImpl?: typeof fetch): Context {
  let client: RawClient | undefined;
  return {
    io,
    globals,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
    client() {
      if (client) return client;
      const apiKey = io.env.OPENCOM_API_KEY;
      if (apiKey === undefined || apiKey === '') {
        throw new UsageError('not logged in: set OPENCOM_API_KEY to an osk_ key.');
      }
      client = createRawClient({ apiKey, baseUrl: io.env.OPENCOM_BASE_URL, fetch: fetchImpl });
      return client;
    },
  };
}
