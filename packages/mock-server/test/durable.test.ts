/**
 * Durable state (`dataDir` / `opencom-mock --data`): writes are journaled before their response and
 * restored on start. In-process tests reopen a directory with a second server; the last test kills a
 * real `opencom-mock` process with SIGKILL right after a 2xx and reads everything back.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyWebhookSync } from '@opencom/webhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/engine/clock';
import { JournaledMap } from '../src/engine/store/journaled-map';
import { Table } from '../src/engine/store/table';
import { createMockServer, type MockServer, type MockServerOptions } from '../src/index';
import { exitOf, startBin } from './bin-process';
import { request, setup } from './support';

const dirs: string[] = [];
const opened: MockServer[] = [];

afterEach(() => {
  for (const server of opened.splice(0)) server.journal?.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'opencom-durable-'));
  dirs.push(dir);
  return dir;
}

/** Another server on the same directory, as a restart would build it (its own clock, its own seed). */
function reopen(dataDir: string, options: MockServerOptions = {}): MockServer {
  const server = createMockServer({
    rateLimits: false,
    seed: 7,
    clock: new ManualClock(Date.UTC(2026, 0, 1)),
    validateResponses: true,
    dataDir,
    ...options,
  });
  opened.push(server);
  return server;
}

/** Every journaled part of the store as plain JSON, to compare a live server with a restored one. */
function stateOf(server: MockServer): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  for (const [name, part] of Object.entries(server.store)) {
    if (part instanceof Table) state[name] = [...part.values()].sort((a, b) => a.id.localeCompare(b.id));
    else if (part instanceof JournaledMap)
      state[name] = [...part.entries()].sort(([a], [b]) => a.localeCompare(b));
  }
  return JSON.parse(JSON.stringify(state)) as Record<string, unknown>;
}

const failingFetch: typeof fetch = async () => new Response('down', { status: 503 });

/** A workspace with a visitor, an active claim, a webhook whose first attempt failed, and a rotated key. */
async function populated(dataDir: string) {
  const ws = await setup({ dataDir, delivery: { fetch: failingFetch, random: () => 0.5 } });
  const { server, key, workspaceId } = ws;
  opened.push(server);
  const webhook = await request(server, 'POST /api/v1/webhooks', {
    key,
    body: { url: 'http://127.0.0.1:9/hook', eventTypes: ['visitor.created'] },
  });
  expect(webhook.status).toBe(201);
  const visitor = await request(server, 'POST /api/v1/visitors', {
    key,
    body: { name: 'Dana', externalId: 'crm-1' },
  });
  expect(visitor.status).toBe(201);
  await server.deliveries.idle();
  const conversation = await request(server, 'POST /__control/conversations', {
    body: { workspaceId, channel: 'chat', content: 'Hello?' },
  });
  const conversationId: string = conversation.body.conversation.id;
  const claim = await request(server, `POST /api/v1/conversations/${conversationId}/claim`, {
    key,
    body: { leaseSeconds: 60 },
  });
  expect(claim.status).toBe(201);
  const spare = await ws.newKey();
  const rotated = await request(server, `POST /__control/credentials/${spare.credentialId}/rotate`);
  expect(rotated.status).toBe(200);
  return {
    ...ws,
    webhook: webhook.body as { id: string; secret: string },
    visitorId: visitor.body.id as string,
    conversationId,
    oldSpareKey: spare.key,
    newSpareKey: rotated.body.secret as string,
  };
}

describe('dataDir', () => {
  it('restores every record, key, counter and cursor written through the API', async () => {
    const dataDir = tempDir();
    const before = await populated(dataDir);
    const page = await request(before.server, 'GET /api/v1/visitors?limit=1', { key: before.key });
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const oldKeyStatus = (await request(before.server, 'GET /api/v1/me', { key: before.oldSpareKey })).status;
    const live = stateOf(before.server);
    const lastSeq = Math.max(...[...before.server.store.events.values()].map((event) => event.seq));
    before.server.journal?.close();

    const after = reopen(dataDir);
    expect(stateOf(after)).toEqual(live);
    expect(after.clock.now()).toBe(before.server.clock.now());
    const visitor = await request(after, `GET /api/v1/visitors/${before.visitorId}`, { key: before.key });
    expect(visitor.status).toBe(200);
    expect(visitor.body).toMatchObject({ name: 'Dana', externalId: 'crm-1' });
    // Unique keys survive: the same external ID is still taken.
    const duplicate = await request(after, 'POST /api/v1/visitors', {
      key: before.key,
      body: { externalId: 'crm-1' },
    });
    expect(duplicate.status).toBe(409);
    // The cursor secret survives: a cursor from before the restart still reads the next page.
    const next = await request(after, `GET /api/v1/visitors?limit=1&cursor=${page.body.nextCursor}`, {
      key: before.key,
    });
    expect(next.status).toBe(200);
    // Rotated secrets stay rotated.
    expect((await request(after, 'GET /api/v1/me', { key: before.newSpareKey })).status).toBe(200);
    expect((await request(after, 'GET /api/v1/me', { key: before.oldSpareKey })).status).toBe(oldKeyStatus);

    // IDs and event sequence numbers continue: nothing written after the restart collides.
    const known = new Set(
      Object.values(live).flatMap((rows) => (rows as Array<{ id?: unknown }>).map((row) => row.id)),
    );
    const created = await request(after, 'POST /api/v1/visitors', { key: before.key, body: { name: 'Sam' } });
    expect(created.status).toBe(201);
    expect(known.has(created.body.id)).toBe(false);
    expect(created.body.id > before.visitorId).toBe(true);
    const newest = [...after.store.events.values()].filter((event) => event.seq > lastSeq);
    expect(newest.map((event) => event.type)).toEqual(['visitor.created']);
    expect(newest.some((event) => known.has(event.id))).toBe(false);
  });

  it('re-arms claim leases and resumes pending deliveries without re-sending restored events', async () => {
    const dataDir = tempDir();
    const before = await populated(dataDir);
    // The visitor created through the API and the one the control API's conversation created.
    const pending = [...before.server.store.deliveries.values()];
    expect(pending).toHaveLength(2);
    for (const row of pending) expect(row).toMatchObject({ status: 'retrying', attemptCount: 1 });
    before.server.journal?.close();

    const sent: Array<{ headers: Record<string, string>; body: string }> = [];
    const after = reopen(dataDir, {
      delivery: {
        random: () => 0.5,
        fetch: async (_url, init) => {
          sent.push({ headers: init?.headers as Record<string, string>, body: String(init?.body) });
          return new Response('ok', { status: 200 });
        },
      },
    });
    // Nothing goes out at start: restored events are not fanned out again.
    await after.deliveries.idle();
    expect(sent).toEqual([]);
    await after.deliveries.advanceBy(61_000);
    const conversation = await request(after, `GET /api/v1/conversations/${before.conversationId}`, {
      key: before.key,
    });
    expect(conversation.body.claim).toBeNull();
    expect([...after.store.events.values()].map((event) => event.type)).toContain(
      'conversation.claim_expired',
    );
    // Each retry went out once, signed with the secret shown before the restart (key from keys.json).
    const verified = sent.map(
      (delivered) =>
        verifyWebhookSync({
          body: delivered.body,
          headers: delivered.headers,
          secrets: [before.webhook.secret],
          now: after.clock.now(),
        }).id,
    );
    expect(verified.sort()).toEqual(pending.map((row) => row.eventId).sort());
    for (const row of pending) {
      expect(after.store.deliveries.get(row.id)).toMatchObject({ status: 'succeeded', attemptCount: 2 });
    }
  });

  it('ignores a torn last line, which was never acknowledged, and drops it from the journal', async () => {
    const dataDir = tempDir();
    const before = await populated(dataDir);
    const live = stateOf(before.server);
    before.server.journal?.close();
    const journal = join(dataDir, 'journal.ndjson');
    appendFileSync(journal, '{"ops":[["visitors","vis_0000009abcdef",{"id":"vis_0');

    const after = reopen(dataDir);
    expect(stateOf(after)).toEqual(live);
    expect(readFileSync(journal, 'utf8').endsWith('}\n')).toBe(true);
    const created = await request(after, 'POST /api/v1/visitors', { key: before.key, body: { name: 'Sam' } });
    expect(created.status).toBe(201);
    after.journal?.close();
    opened.splice(opened.indexOf(after), 1);

    // A last line that is complete but unreadable is dropped the same way.
    appendFileSync(journal, '{"ops":[\n');
    const again = reopen(dataDir);
    expect(
      (await request(again, `GET /api/v1/visitors/${created.body.id}`, { key: before.key })).status,
    ).toBe(200);
  });

  it('refuses a journal that is corrupt before its last line', async () => {
    const dataDir = tempDir();
    const before = await populated(dataDir);
    before.server.journal?.close();
    const journal = join(dataDir, 'journal.ndjson');
    const [first = ''] = readFileSync(journal, 'utf8').split('\n');
    writeFileSync(journal, `garbage\n${first}\n`);
    expect(() => reopen(dataDir)).toThrow(/line 1 is corrupt/);
  });

  it('keeps the journal and keys readable by the owner only', async () => {
    const dataDir = tempDir();
    const { server } = await populated(dataDir);
    server.journal?.close();
    reopen(dataDir);
    for (const name of ['journal.ndjson', 'keys.json']) {
      expect(statSync(join(dataDir, name)).mode & 0o777).toBe(0o600);
    }
  });
});

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
/** `opencom-mock` from source. */
const SOURCE_BIN = ['--import', 'tsx', 'src/bin.ts'];

describe('opencom-mock --data', () => {
  it('loses nothing a client was told succeeded when the process is killed with SIGKILL', async () => {
    const dataDir = tempDir();
    const first = await startBin(SOURCE_BIN, ['--data', dataDir, '--seed', 'empty', '--rate-limit', 'off'], {
      cwd: packageRoot,
    });
    const key = first.key ?? '';
    expect(key).not.toBe('');
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const ids: string[] = [];
    try {
      for (let i = 0; i < 20; i++) {
        const response = await fetch(`${first.url}/api/v1/visitors`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ name: `Visitor ${i}`, externalId: `ext-${i}` }),
        });
        expect(response.status).toBe(201);
        ids.push(((await response.json()) as { id: string }).id);
      }
      // Killed the moment the last 2xx is read: nothing after the response may be relied on.
      first.child.kill('SIGKILL');
    } finally {
      first.child.kill('SIGKILL');
    }
    expect(await exitOf(first.child)).toBe('SIGKILL');

    const second = await startBin(SOURCE_BIN, ['--data', dataDir, '--seed', 'empty', '--rate-limit', 'off'], {
      cwd: packageRoot,
    });
    try {
      // Not seeded again: the restored workspace and its key carry on.
      expect(second.key).toBeNull();
      for (const [i, id] of ids.entries()) {
        const response = await fetch(`${second.url}/api/v1/visitors/${id}`, { headers });
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ id, name: `Visitor ${i}`, externalId: `ext-${i}` });
      }
      const next = await fetch(`${second.url}/api/v1/visitors`, { method: 'POST', headers, body: '{}' });
      expect(next.status).toBe(201);
      expect(ids).not.toContain(((await next.json()) as { id: string }).id);
    } finally {
      second.child.kill('SIGKILL');
      await exitOf(second.child);
    }
  }, 30_000);
});
