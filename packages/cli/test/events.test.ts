import { describe, expect, it } from 'vitest';
import { createCollection } from './events-support';
import { runCli, runJson, spawnCli, startServer } from './support';

const EVENT_LINE = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ)\s+(\S+)\s+(evt_\S+)\s+(\S+) (\S+)$/m;

describe('opencom events', { timeout: 20_000 }, () => {
  it('list reads the feed forward with filters, and ends with the cursor to resume from', async () => {
    const ts = await startServer();
    const first = await createCollection(ts, 'Billing');
    const second = await createCollection(ts, 'Shipping');
    const [human, json] = await Promise.all([
      runCli(['events', 'list', '--types', 'collection.created'], { env: ts.env }),
      runJson(['events', 'list', '--resource-types', 'collection', '--limit', '1'], { env: ts.env }),
    ]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^TIME\s+TYPE\s+ID\s+SUBJECT$/m);
    expect(human.stdout).toMatch(
      new RegExp(`collection.created\\s+evt_\\S+\\s+collection ${first}\\n.*collection ${second}\\n`),
    );
    expect(human.stderr).toMatch(/^Resume with --after \S+$/m);
    expect(json).toMatchObject({
      data: [{ type: 'collection.created', resource: { type: 'collection', id: first } }],
      hasMore: true,
    });

    // The cursor resumes exactly after the first event; --all reads to the head.
    const rest = await runJson(
      ['events', 'list', '--resource-types', 'collection', '--after', json.nextCursor, '--all'],
      { env: ts.env },
    );
    expect(rest.data.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([second]);
    expect(rest.hasMore).toBe(false);
    const caughtUp = await runCli(
      ['events', 'list', '--after', rest.nextCursor, '--types', 'collection.created'],
      { env: ts.env },
    );
    expect(caughtUp.stderr).toContain('No events after this cursor.');
  });

  it('list and get reject what the spec does not allow: unknown types (2), foreign cursors (2), unknown events (3)', async () => {
    const ts = await startServer();
    const [unknownType, badCursor, missing] = await Promise.all([
      runCli(['events', 'list', '--types', 'message.created,message.sent'], { env: ts.env }),
      runCli(['events', 'list', '--after', 'garbage'], { env: ts.env }),
      runCli(['events', 'get', 'evt_missing'], { env: ts.env }),
    ]);
    expect(unknownType.code).toBe(2);
    expect(unknownType.stderr).toContain('unknown event type message.sent');
    expect(badCursor.code).toBe(2);
    expect(badCursor.stderr).toMatch(/\(invalid_cursor, request req_\S+\)/);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/\(not_found, request req_\S+\)/);
  });

  it('get shows one event with its data snapshot', async () => {
    const ts = await startServer();
    const id = await createCollection(ts, 'Returns');
    const { data } = await runJson(['events', 'list', '--types', 'collection.created'], { env: ts.env });
    const eventId = data[0].id;
    const [human, json] = await Promise.all([
      runCli(['events', 'get', eventId], { env: ts.env }),
      runJson(['events', 'get', eventId], { env: ts.env }),
    ]);
    expect(human.stdout).toMatch(new RegExp(`subject\\s+collection ${id}`));
    expect(human.stdout).toContain('"name": "Returns"');
    expect(json).toMatchObject({ id: eventId, type: 'collection.created', data: { id, name: 'Returns' } });
  });

  it('tail prints events as they happen, stops on SIGINT with exit 0, and prints the cursor that resumes after them', async () => {
    const ts = await startServer();
    const before = await createCollection(ts, 'Before the tail');
    const tail = spawnCli(['events', 'tail', '--poll-interval', '50ms'], { env: ts.env });
    await tail.output.waitFor(/Ready! Waiting for events from now \(\^C to quit\)/, 'stderr');
    const during = await createCollection(ts, 'During the tail');
    const [, time, type, , subjectType, subjectId] = await tail.output.waitFor(EVENT_LINE);
    expect([type, subjectType, subjectId]).toEqual(['collection.created', 'collection', during]);
    // Times are the server's (UTC, to the second).
    expect(Math.abs(Date.parse(`${time?.replace(' ', 'T')}`) - ts.server.clock.now())).toBeLessThan(10_000);
    tail.kill('SIGINT');
    await tail.output.exited;
    const { code, stdout, stderr } = tail.output.result();
    expect(code).toBe(0);
    expect(stdout).not.toContain(before);
    const cursor = /Stopped\. Resume with: opencom events tail --after (\S+)/.exec(stderr)?.[1] ?? '';
    expect(cursor).not.toBe('');

    const after = await createCollection(ts, 'After the tail');
    const resumed = await runJson(['events', 'list', '--after', cursor, '--types', 'collection.created'], {
      env: ts.env,
    });
    expect(resumed.data.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([after]);
  });

  it('tail --json prints one event per line (NDJSON) and only events of the given types', async () => {
    const ts = await startServer();
    const tail = spawnCli(
      ['events', 'tail', '--json', '--types', 'collection.created', '--poll-interval', '50ms'],
      { env: ts.env },
    );
    await tail.output.waitFor(/Ready!/, 'stderr');
    const test = await runJson(['webhooks', 'create', '--url', 'https://hooks.example.com/a'], {
      env: ts.env,
    });
    expect((await runCli(['webhooks', 'test', test.id, '--no-wait'], { env: ts.env })).code).toBe(0);
    const first = await createCollection(ts, 'One');
    const second = await createCollection(ts, 'Two');
    await tail.output.waitFor(new RegExp(`"id":"${second}"`));
    tail.kill('SIGTERM');
    await tail.output.exited;
    expect(tail.output.result().code).toBe(0);
    const lines = tail.output.stdout.trim().split('\n');
    expect(lines.map((line) => JSON.parse(line)).map((e) => [e.type, e.resource.id])).toEqual([
      ['collection.created', first],
      ['collection.created', second],
    ]);
    expect(tail.output.stderr).toContain('Resume with: opencom events tail --after');
  });
});
