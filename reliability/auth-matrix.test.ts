/**
 * The authorization matrix, generated from the spec: every public operation is called with no key,
 * malformed keys, an unknown key, a disabled, expired and rotated key, a key lacking exactly the
 * operation's scope, and (for item operations) another workspace's IDs. Each answer must be the
 * documented status and problem code, listed among the operation's responses, with nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Route } from '../packages/mock-server/src/engine/router';
import {
  ALL_SCOPES,
  createWorld,
  documentedStatuses,
  exampleBody,
  pathFor,
  pathParams,
  publicRoutes,
  recordCounts,
  request,
  scopeOf,
  storeFingerprint,
  type World,
  withIds,
} from './support';

let world: World;
let checked = 0;
const keys: Record<string, string> = {};

beforeAll(async () => {
  world = await createWorld();
  const { server } = world;
  const control = async (line: string, body?: unknown) => {
    const response = await request(server, line, body === undefined ? {} : { body });
    expect(response.status, line).toBeLessThan(300);
    return response.body;
  };
  const disabled = await world.newKey(ALL_SCOPES);
  keys.disabled = disabled.key;
  await control(`POST /__control/credentials/${disabled.credentialId}/disable`);
  const expired = await world.newKey(ALL_SCOPES);
  keys.expired = expired.key;
  await control(`POST /__control/credentials/${expired.credentialId}/expire`);
  const rotated = await world.newKey(ALL_SCOPES);
  keys.rotated = rotated.key;
  await control(`POST /__control/credentials/${rotated.credentialId}/rotate`);
  for (const scope of ALL_SCOPES) {
    keys[`without ${scope}`] = (await world.newKey(ALL_SCOPES.filter((s) => s !== scope))).key;
  }
});

afterAll(() => {
  recordCounts('auth-matrix', { operations: publicRoutes(world.server).length, requestsChecked: checked });
});

interface Expected {
  status: number;
  code: string;
}

/** The operation called as documented, except for the credential (and, optionally, the IDs). */
async function call(route: Route, authorization: string | null, ids = world.ids) {
  const { server } = world;
  const before = storeFingerprint(server);
  const body = route.operation.requestBody ? withIds(exampleBody(route), ids, server.clock.now()) : undefined;
  const response = await request(server, `${route.method} ${pathFor(route, ids)}`, {
    ...(body === undefined ? {} : { body }),
    headers: authorization === null ? {} : { authorization },
  });
  checked++;
  expect(server.contractViolations.splice(0), route.operationId).toEqual([]);
  expect(storeFingerprint(server) === before, `${route.operationId} changed the store`).toBe(true);
  return response;
}

function expectProblem(route: Route, response: { status: number; body: unknown }, expected: Expected) {
  expect(
    { status: response.status, code: (response.body as { code?: string }).code },
    route.operationId,
  ).toEqual(expected);
  expect(documentedStatuses(route), `${route.operationId} documents ${expected.status}`).toContain(
    String(expected.status),
  );
}

const unauthenticated = { status: 401, code: 'unauthenticated' };
const CASES: Array<[string, () => string | null, Expected]> = [
  ['no Authorization header', () => null, unauthenticated],
  ['a Basic credential', () => 'Basic dXNlcjpwYXNz', unauthenticated],
  ['a malformed key', () => 'Bearer osk_short', unauthenticated],
  ['a key with a wrong prefix', () => `Bearer sk_${'a'.repeat(48)}`, unauthenticated],
  ['an unknown well-formed key', () => `Bearer osk_${'Z'.repeat(48)}`, unauthenticated],
  ['a disabled key', () => `Bearer ${keys.disabled}`, { status: 403, code: 'credential_disabled' }],
  ['an expired key', () => `Bearer ${keys.expired}`, { status: 403, code: 'credential_expired' }],
  ['a rotated-away key', () => `Bearer ${keys.rotated}`, { status: 401, code: 'credential_rotated' }],
];

describe('authorization matrix over every public operation', () => {
  for (const [name, authorization, expected] of CASES) {
    it(`${name} → ${expected.status} ${expected.code}`, async () => {
      for (const route of publicRoutes(world.server)) {
        expectProblem(route, await call(route, authorization()), expected);
      }
    });
  }

  it('a key lacking exactly the required scope → 403 insufficient_scope naming it', async () => {
    for (const route of publicRoutes(world.server)) {
      const scope = scopeOf(route);
      if (scope === 'none') continue;
      const response = await call(route, `Bearer ${keys[`without ${scope}`]}`);
      expectProblem(route, response, { status: 403, code: 'insufficient_scope' });
      expect(response.body.requiredScope, route.operationId).toBe(scope);
    }
  });

  it('GET /me needs no scope beyond a valid key', async () => {
    const route = publicRoutes(world.server).find((r) => scopeOf(r) === 'none');
    expect(route?.operationId).toBe('getMe');
    const narrow = await world.newKey(['tickets.read']);
    expect((await call(route as Route, `Bearer ${narrow.key}`)).status).toBe(200);
  });

  it("another workspace's resource IDs → 404 not_found, as if they did not exist", async () => {
    const items = publicRoutes(world.server).filter((route) =>
      pathParams(route).some((name) => name !== 'externalId'),
    );
    expect(items.length).toBeGreaterThan(30);
    for (const route of items) {
      const response = await call(route, `Bearer ${world.key}`, world.otherIds);
      expectProblem(route, response, { status: 404, code: 'not_found' });
    }
  });
});
