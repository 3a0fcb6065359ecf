/**
 * The one way tests talk to the engine: in-process `handle()`, no ports, no sleeps, and every
 * response checked against the spec (a violation fails the test that caused it).
 */
import { afterEach, expect } from 'vitest';
import { ManualClock } from '../src/engine/clock';
import { createMockServer, type MockServer, type MockServerOptions } from '../src/index';

const servers: MockServer[] = [];

afterEach(() => {
  const violations = servers.flatMap((server) => server.contractViolations.splice(0));
  servers.length = 0;
  expect(violations, 'responses that do not match spec/openapi.yaml or spec/control.yaml').toEqual([]);
});

export const ALL_SCOPES = [
  'conversations.read',
  'conversations.write',
  'messages.read',
  'messages.write',
  'visitors.read',
  'visitors.write',
  'tickets.read',
  'tickets.write',
  'articles.read',
  'articles.write',
  'collections.read',
  'collections.write',
  'outbound.read',
  'outbound.write',
  'events.read',
  'events.write',
  'webhooks.manage',
  'claims.manage',
] as const;

export interface TestResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** `request(server, 'POST /api/v1/articles', { key, body })` → status, headers and parsed body. */
// biome-ignore lint/suspicious/noExplicitAny: tests assert on loosely typed JSON bodies
export async function request<T = any>(
  server: MockServer,
  line: string,
  options: { key?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<TestResponse<T>> {
  const [method = 'GET', path = '/'] = line.split(' ');
  const headers = new Headers(options.headers);
  if (options.key) headers.set('authorization', `Bearer ${options.key}`);
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const response = await server.handle(
    new Request(`http://mock.test${path}`, { method, headers, ...(body === undefined ? {} : { body }) }),
  );
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

export interface TestWorkspace {
  server: MockServer;
  clock: ManualClock;
  workspaceId: string;
  /** An all-scopes key of the workspace. */
  key: string;
  credentialId: string;
  /** Issues another key of this workspace with the given scopes. */
  newKey(
    scopes?: readonly string[],
    extra?: Record<string, unknown>,
  ): Promise<{ key: string; credentialId: string }>;
}

/** A server with response validation on, an empty workspace and an all-scopes key. */
export async function setup(options: MockServerOptions = {}): Promise<TestWorkspace> {
  const clock = options.clock ?? new ManualClock(Date.UTC(2026, 0, 1));
  const server = createMockServer({
    rateLimits: false,
    seed: 42,
    ...options,
    clock,
    validateResponses: true,
  });
  servers.push(server);
  const workspace = await request<{ id: string }>(server, 'POST /__control/workspaces', {
    body: { name: 'Test' },
  });
  const newKey = async (scopes: readonly string[] = ALL_SCOPES, extra: Record<string, unknown> = {}) => {
    const created = await request<{ id: string; secret: string }>(server, 'POST /__control/credentials', {
      body: { workspaceId: workspace.body.id, name: 'Test bot', actorName: 'test-bot', scopes, ...extra },
    });
    expect(created.status).toBe(201);
    return { key: created.body.secret, credentialId: created.body.id };
  };
  const first = await newKey();
  return {
    server,
    clock,
    workspaceId: workspace.body.id,
    key: first.key,
    credentialId: first.credentialId,
    newKey,
  };
}
