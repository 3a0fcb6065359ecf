import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Opencom } from '@opencom/sdk';
import { assert, describe, expect, it } from 'vitest';
import { createKey, runCli, runJson, startServer, type TestServer } from './support';

const client = (t: TestServer) => new Opencom({ apiKey: t.apiKey, baseUrl: t.url, maxRetries: 0 });

async function newTicket(t: TestServer, subject = 'Duplicate charge on order 1042') {
  return client(t).tickets.create({ subject });
}

describe('opencom tickets create|get|list', () => {
  it('creates a ticket from flags and a description file, linked to a conversation', async () => {
    const t = await startServer();
    const conversation = (await client(t).conversations.list({ limit: 1 })).data[0];
    assert(conversation);
    const details = join(t.configDir, 'details.md');
    await writeFile(details, 'The visitor was charged twice ($49.00 each).\n');
    const { code, stdout, stderr } = await runCli(
      [
        'tickets',
        'create',
        '--subject',
        'Duplicate charge',
        '--priority',
        'high',
        '--conversation',
        conversation.id,
        '--description-file',
        details,
        '--external-id',
        'BILL-311',
      ],
      { env: t.env },
    );
    expect(code).toBe(0);
    const id = /^id\s+(tkt_\w+)$/m.exec(stdout)?.[1];
    assert(id);
    expect(stderr).toBe(`✓ Created ticket ${id} "Duplicate charge"\n`);
    expect(stdout).toMatch(/^status\s+submitted$/m);
    expect(stdout).toContain('\nThe visitor was charged twice ($49.00 each).\n');
    expect(await client(t).tickets.get(id)).toMatchObject({
      priority: 'high',
      conversationId: conversation.id,
      visitorId: conversation.visitorId,
      externalId: 'BILL-311',
      description: 'The visitor was charged twice ($49.00 each).',
    });
  });

  it('get prints the record with --json; list filters by status and priority', async () => {
    const t = await startServer();
    const urgent = await client(t).tickets.create({ subject: 'Site down', priority: 'urgent' });
    const normal = await newTicket(t);
    expect(await runJson(['tickets', 'get', urgent.id], { env: t.env })).toEqual(urgent);
    const shown = await runCli(['tickets', 'get', urgent.id], { env: t.env });
    expect(shown.stdout).toMatch(
      new RegExp(`^id\\s+${urgent.id}\nsubject\\s+Site down\nstatus\\s+submitted\npriority\\s+urgent\n`),
    );

    const { code, stdout } = await runCli(['tickets', 'list'], { env: t.env });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ID\s+STATUS\s+PRIORITY\s+SUBJECT\s+ASSIGNEE\s+UPDATED$/m);
    expect(stdout).toMatch(
      new RegExp(`^${urgent.id}\\s+submitted\\s+urgent\\s+Site down\\s+-\\s+2026-`, 'm'),
    );
    expect(stdout).toContain(normal.id);

    const filtered = await runJson(['tickets', 'list', '--priority', 'urgent', '--status', 'submitted'], {
      env: t.env,
    });
    expect(filtered.data.map((ticket: { id: string }) => ticket.id)).toEqual([urgent.id]);
  });

  it('a missing subject is exit 2 with its pointer; an unknown ticket exits 3', async () => {
    const t = await startServer();
    const invalid = await runCli(['tickets', 'create', '--priority', 'low'], { env: t.env });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/\/body.*subject/);
    expect(invalid.stderr).toMatch(/\(validation_failed, request req_\w+\)\n$/);

    const missing = await runCli(['tickets', 'get', 'tkt_nope'], { env: t.env });
    expect(missing.code).toBe(3);
  });
});

describe('opencom tickets update', () => {
  it('moves through the allowed transitions and records the resolution', async () => {
    const t = await startServer();
    const ticket = await runJson(['tickets', 'create', '--subject', 'Refund', '--description', '-'], {
      env: t.env,
      stdin: 'Charged twice.\n',
    });
    expect(ticket).toMatchObject({
      subject: 'Refund',
      description: 'Charged twice.',
      status: 'submitted',
      priority: 'normal',
    });
    const started = await runJson(
      ['tickets', 'update', ticket.id, '--status', 'in_progress', '--assignee', 'agt_mara'],
      {
        env: t.env,
      },
    );
    expect(started).toMatchObject({ status: 'in_progress', assigneeId: 'agt_mara' });

    const { code, stdout, stderr } = await runCli(
      [
        'tickets',
        'update',
        ticket.id,
        '--status',
        'resolved',
        '--resolution',
        'Refunded in Stripe (re_3QxK2L)',
        '--no-assignee',
      ],
      { env: t.env },
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^resolution\s+Refunded in Stripe \(re_3QxK2L\)$/m);
    expect(stdout).toMatch(/^resolved\s+2026-/m);
    expect(stderr).toBe(`✓ Updated ticket ${ticket.id} (resolved)\n`);
    expect(await client(t).tickets.get(ticket.id)).toMatchObject({ status: 'resolved', assigneeId: null });
  });

  it('an invalid transition exits 4 with invalid_transition and changes nothing', async () => {
    const t = await startServer();
    const ticket = await newTicket(t);
    await client(t).tickets.update(ticket.id, { status: 'resolved' });
    const { code, stdout, stderr } = await runCli(
      ['tickets', 'update', ticket.id, '--status', 'waiting_on_customer'],
      {
        env: t.env,
      },
    );
    expect(code).toBe(4);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^opencom: .*\(invalid_transition, request req_\w+\)\n$/);
    expect((await client(t).tickets.get(ticket.id)).status).toBe('resolved');
  });

  it('nothing to change is a usage error; a key without tickets.write exits 6', async () => {
    const t = await startServer();
    const ticket = await newTicket(t);
    expect((await runCli(['tickets', 'update', ticket.id], { env: t.env })).code).toBe(2);
    const reader = await createKey(t, ['tickets.read'], 'Reader');
    const { code, stderr } = await runCli(['tickets', 'update', ticket.id, '--priority', 'low'], {
      env: { ...t.env, OPENCOM_API_KEY: reader.secret },
    });
    expect(code).toBe(6);
    expect(stderr).toMatch(/tickets\.write.*\(insufficient_scope/);
  });
});

describe('opencom tickets comment|comments', () => {
  it('adds a public comment and an internal note from stdin, then lists both oldest first', async () => {
    const t = await startServer();
    const ticket = await newTicket(t);
    const pub = await runCli(['tickets', 'comment', ticket.id, 'We refunded the duplicate charge.'], {
      env: t.env,
    });
    expect(pub.code).toBe(0);
    expect(pub.stdout).toMatch(/^author\s+automation demo-bot$/m);
    expect(pub.stderr).toBe(`✓ Commented on ${ticket.id}\n`);

    const note = await runJson(['tickets', 'comment', ticket.id, '-', '--internal'], {
      env: t.env,
      stdin: 'Stripe shows both captures.\n',
    });
    expect(note).toMatchObject({
      ticketId: ticket.id,
      internal: true,
      authorType: 'automation',
      content: 'Stripe shows both captures.',
    });

    const { code, stdout } = await runCli(['tickets', 'comments', ticket.id], { env: t.env });
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+AUTHOR\s+VISIBILITY\s+CREATED\s+CONTENT$/);
    expect(lines[1]).toMatch(/automation demo-bot\s+public\s+.*We refunded the duplicate charge\.$/);
    expect(lines[2]).toMatch(new RegExp(`^${note.id}\\s+automation demo-bot\\s+internal\\s+`));

    const page = await runJson(['tickets', 'comments', ticket.id], { env: t.env });
    expect(page.data.map((c: { internal: boolean }) => c.internal)).toEqual([false, true]);
  });

  it('commenting on an unknown ticket exits 3; an empty comment is a usage error', async () => {
    const t = await startServer();
    expect((await runCli(['tickets', 'comment', 'tkt_nope', 'Hello'], { env: t.env })).code).toBe(3);
    const empty = await runCli(['tickets', 'comment', 'tkt_nope', '   '], { env: t.env });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('opencom: the comment is empty\n');
  });
});
