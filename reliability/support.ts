/**
 * Shared pieces of the reliability suite: a seeded world of two workspaces whose resource IDs are
 * found through the spec (every `/{plural}/{xId}` item route is filled from its `/{plural}` list),
 * request bodies taken from the spec's own examples, a store fingerprint to prove that rejected
 * requests change nothing, and the run counters the closing summary quotes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Route } from '../packages/mock-server/src/engine/router';
import type { MockServer } from '../packages/mock-server/src/index';
import { request, setup, type TestWorkspace } from '../packages/mock-server/test/support';

export { ALL_SCOPES, request, setup } from '../packages/mock-server/test/support';

type Json = Record<string, unknown>;

/** Every public operation of spec/openapi.yaml, in the engine's routing order. */
export function publicRoutes(server: MockServer): Route[] {
  return server.publicRoutes;
}

/** The scope an operation needs (`none` for `GET /me`). */
export const scopeOf = (route: Route): string => route.operation['x-required-scope'] as string;

/** The documented response statuses of an operation. */
export const documentedStatuses = (route: Route): string[] =>
  Object.keys((route.operation.responses ?? {}) as Json);

/** Path parameter names of a route template, in order. */
export const pathParams = (route: Route): string[] =>
  [...route.template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);

/** The first example of the operation's JSON request body, or `{}` when it documents none. */
export function exampleBody(route: Route): unknown {
  const body = route.operation.requestBody as Json | undefined;
  if (!body) return undefined;
  const media = ((body.content as Json | undefined)?.['application/json'] ?? {}) as Json;
  const examples = Object.values((media.examples ?? {}) as Record<string, Json>);
  if (examples[0] && 'value' in examples[0]) return examples[0].value;
  return media.example ?? {};
}

/** Fills a template with the given path values (control routes carry their prefix: pass ''). */
export function pathFor(route: Route, values: Record<string, string>, prefix = '/api/v1'): string {
  return `${prefix}${route.template.replace(/\{(\w+)\}/g, (_, name: string) =>
    // Lone surrogates cannot be percent-encoded; a client's URL would carry U+FFFD instead.
    encodeURIComponent((values[name] ?? `missing-${name}`).replace(/\p{Surrogate}/gu, '\uFFFD')),
  )}`;
}

export interface World extends TestWorkspace {
  /** Path parameter → an existing ID of the first workspace (plus an `externalId`). */
  ids: Record<string, string>;
  /** The same parameters filled from a second workspace, for cross-tenant requests. */
  otherIds: Record<string, string>;
  /** An all-scopes key of the second workspace. */
  otherKey: string;
}

/** A receiver that accepts every delivery, so webhook fan-out never reaches for the network. */
export const acceptingFetch: typeof fetch = async () => new Response('ok', { status: 200 });

/**
 * A validating server with two seeded demo workspaces, each with at least one record behind every
 * path parameter of the spec: tickets, outbound messages, webhooks and deliveries are created from
 * the spec's examples, then IDs are read back through the list operations.
 */
export async function createWorld(options: Parameters<typeof setup>[0] = {}): Promise<World> {
  const base = await setup({ delivery: { fetch: acceptingFetch }, ...options });
  const first = await seedWorkspace(base.server);
  const second = await seedWorkspace(base.server);
  return {
    ...base,
    workspaceId: first.workspaceId,
    key: first.key,
    credentialId: first.credentialId,
    newKey: async (scopes, extra = {}) => {
      const created = await request(base.server, 'POST /__control/credentials', {
        body: { workspaceId: first.workspaceId, name: 'Bot', actorName: 'bot', scopes, ...extra },
      });
      return { key: created.body.secret, credentialId: created.body.id };
    },
    ids: first.ids,
    otherIds: second.ids,
    otherKey: second.key,
  };
}

async function seedWorkspace(server: MockServer) {
  const seeded = await request(server, 'POST /__control/seed', { body: { preset: 'demo' } });
  if (seeded.status !== 201) throw new Error(`seed failed: ${seeded.status}`);
  const key = seeded.body.credential.secret as string;
  const routes = publicRoutes(server);
  const ids: Record<string, string> = { externalId: 'ext-reliability' };
  await discoverIds(server, key, routes, ids);
  // Resources the demo preset leaves out are created from the spec's example bodies.
  for (const template of ['/tickets', '/outbound-messages', '/webhooks', '/custom-events']) {
    const create = routes.find((r) => r.method === 'POST' && r.template === template);
    if (!create) throw new Error(`no POST ${template} in the spec`);
    const body = withIds(exampleBody(create), ids, server.clock.now());
    const created = await request(server, `POST ${pathFor(create, {})}`, { key, body });
    if (created.status !== 201) throw new Error(`POST ${template}: ${JSON.stringify(created.body)}`);
    if (template === '/webhooks') {
      await request(server, `POST /api/v1/webhooks/${created.body.id}/test`, { key });
      await server.deliveries.idle();
    }
  }
  await discoverIds(server, key, routes, ids);
  return {
    workspaceId: seeded.body.workspace.id as string,
    key,
    credentialId: seeded.body.credential.id as string,
    ids: checkedIds(routes, ids),
  };
}

function checkedIds(routes: Route[], ids: Record<string, string>): Record<string, string> {
  for (const name of new Set(routes.flatMap(pathParams))) {
    if (!ids[name]) throw new Error(`no record behind {${name}}`);
  }
  return ids;
}

/**
 * Makes an example body fit this server: each `<name>Id` field names an existing record and each
 * `<name>At` timestamp is the server's now (examples are written for the real calendar).
 */
export function withIds(value: unknown, ids: Record<string, string>, now: number): unknown {
  if (Array.isArray(value)) return value.map((item) => withIds(item, ids, now));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, field]) => [
      name,
      typeof field === 'string' && ids[name]
        ? ids[name]
        : typeof field === 'number' && name.endsWith('At')
          ? now
          : withIds(field, ids, now),
    ]),
  );
}

/** Reads one ID behind every `{xId}` of a `GET /things/{xId}` route from its `GET /things` list. */
async function discoverIds(server: MockServer, key: string, routes: Route[], ids: Record<string, string>) {
  for (const route of routes) {
    const params = pathParams(route);
    const last = params.at(-1);
    if (route.method !== 'GET' || params.length !== 1 || !last || ids[last]) continue;
    const listTemplate = route.template.slice(0, route.template.lastIndexOf('/'));
    if (!route.template.endsWith(`/{${last}}`) || listTemplate.includes('{')) continue;
    const list = await request(server, `GET /api/v1${listTemplate}?limit=1`, { key });
    const id = list.body?.data?.[0]?.id;
    if (typeof id === 'string') ids[last] = id;
  }
}

/**
 * Records every write to the store (`table:key`) through the hooks the `dataDir` journal uses, so a
 * write that escapes them would be a durability bug as well. Far cheaper than a fingerprint per
 * request once the store holds thousands of rows; only for servers without `dataDir`.
 */
export function watchWrites(server: MockServer): string[] {
  if (server.journal) throw new Error('watchWrites would take over the journal hooks');
  const writes: string[] = [];
  for (const [name, part] of Object.entries(server.store)) {
    if ('onWrite' in part) part.onWrite = (key: string) => writes.push(`${name}:${key}`);
  }
  return writes;
}

/**
 * A fingerprint of every record in the store. `lastUsedAt` of credentials is left out: a request
 * that authenticates counts as a use of the key even when its input is then rejected.
 */
export function storeFingerprint(server: MockServer): string {
  const parts: string[] = [];
  for (const [name, table] of Object.entries(server.store)) {
    if (name === 'articleSearch') continue;
    const rows = 'values' in table ? [...(table as { values(): Iterable<unknown> }).values()] : [];
    const entries = name === 'credentials' ? rows.map((row) => ({ ...(row as Json), lastUsedAt: 0 })) : rows;
    parts.push(`${name}:${JSON.stringify(entries)}`);
  }
  return parts.join('\n');
}

const COUNTS_DIR = new URL('../.tmp/reliability/', import.meta.url);

/**
 * Records a suite's counters in `.tmp/reliability/<suite>.json` (one file per suite: suites run in
 * parallel workers) and prints one summary line, so the closing note can quote requests fuzzed,
 * faults injected and crashes survived.
 */
export function recordCounts(suite: string, counts: Record<string, number>): void {
  mkdirSync(COUNTS_DIR, { recursive: true });
  writeFileSync(new URL(`${suite}.json`, COUNTS_DIR), `${JSON.stringify(counts, null, 2)}\n`);
  const line = Object.entries(counts)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  process.stdout.write(`[reliability] ${suite}: ${line}\n`);
}
