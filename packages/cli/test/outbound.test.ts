import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Opencom } from '@opencom/sdk';
import { assert, describe, expect, it } from 'vitest';
import { createKey, runCli, runJson, startServer, type TestServer } from './support';

const client = (t: TestServer) => new Opencom({ apiKey: t.apiKey, baseUrl: t.url, maxRetries: 0 });

const draft = (t: TestServer) =>
  client(t).outboundMessages.create({
    name: 'Annual plan nudge',
    content: { text: 'Teams on Pro save 20% with annual billing.', senderId: 'agt_mara' },
    triggers: { type: 'page_visit', pageUrl: 'https://app.example.com/settings/billing*' },
  });

describe('opencom outbound create|get|list', () => {
  it('creates a draft from flags: rules typed per operator, trigger, schedule, priority', async () => {
    const t = await startServer();
    const { code, stdout, stderr } = await runCli(
      [
        'outbound',
        'create',
        '--name',
        'Annual plan nudge',
        '--text',
        'Teams on Pro save 20% with annual billing.',
        '--sender',
        'agt_mara',
        '--match',
        'any',
        '--rule',
        'customAttributes.plan equals pro',
        '--rule',
        'customAttributes.seats gt 3',
        '--rule',
        'email contains 42',
        '--trigger',
        'time_on_page',
        '--delay',
        '20s',
        '--page-url',
        'https://app.example.com/settings/billing*',
        '--frequency',
        'until_clicked',
        '--ends-at',
        '2026-03-01T00:00:00Z',
        '--priority',
        '10',
      ],
      { env: t.env },
    );
    expect(code).toBe(0);
    const id = /^id\s+(out_\w+)$/m.exec(stdout)?.[1];
    assert(id);
    expect(stderr).toBe(`✓ Created ${id} "Annual plan nudge" (draft)\n`);
    expect(stdout).toMatch(
      /^audience\s+any of: customAttributes\.plan equals "pro"; customAttributes\.seats gt 3; email contains "42"$/m,
    );
    expect(stdout).toMatch(/^trigger\s+time_on_page 20s https:\/\/app\.example\.com\/settings\/billing\*$/m);
    expect(stdout).toMatch(/^scheduling\s+until 2026-03-01 00:00:00Z$/m);
    expect(await client(t).outboundMessages.get(id)).toMatchObject({
      status: 'draft',
      content: { text: 'Teams on Pro save 20% with annual billing.', senderId: 'agt_mara' },
      targeting: {
        match: 'any',
        rules: [
          { attribute: 'customAttributes.plan', operator: 'equals', value: 'pro' },
          { attribute: 'customAttributes.seats', operator: 'gt', value: 3 },
          { attribute: 'email', operator: 'contains', value: '42' },
        ],
      },
      triggers: {
        type: 'time_on_page',
        delaySeconds: 20,
        pageUrl: 'https://app.example.com/settings/billing*',
        eventName: null,
      },
      frequency: 'until_clicked',
      scheduling: { startsAt: null, endsAt: Date.parse('2026-03-01T00:00:00Z') },
      priority: 10,
    });
  });

  it('a trigger without the field its type needs is exit 2 with the pointer', async () => {
    const t = await startServer();
    const { code, stderr } = await runCli(
      ['outbound', 'create', '--name', 'N', '--text', 'T', '--trigger', 'page_visit'],
      {
        env: t.env,
      },
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/\/body\/triggers\/pageUrl is required for a page_visit trigger/);
    expect(stderr).toMatch(/\(validation_failed, request req_\w+\)\n$/);
  });

  it('a malformed --rule is a usage error before any request', async () => {
    const t = await startServer();
    const { code, stderr } = await runCli(
      ['outbound', 'create', '--name', 'N', '--text', 'T', '--rule', 'plan is pro'],
      {
        env: t.env,
      },
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/the operator is one of equals, not_equals, contains, exists, gt, lt/);
    expect((await client(t).outboundMessages.list()).data).toEqual([]);
  });

  it('get --json prints the record; list filters by status', async () => {
    const t = await startServer();
    const message = await draft(t);
    const active = await client(t).outboundMessages.activate((await draft(t)).id);
    expect(await runJson(['outbound', 'get', message.id], { env: t.env })).toEqual(message);
    const shown = await runCli(['outbound', 'get', message.id], { env: t.env });
    expect(shown.stdout).toMatch(/^sender\s+agt_mara$/m);
    expect(shown.stdout).toMatch(/^audience\s+every visitor$/m);
    expect(shown.stdout).toMatch(/^scheduling\s+no limits$/m);
    const drafts = await runJson(['outbound', 'list', '--status', 'draft'], { env: t.env });
    expect(drafts).toEqual({ data: [message], hasMore: false, nextCursor: null });

    const { code, stdout } = await runCli(['outbound', 'list', '--status', 'active'], { env: t.env });
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+NAME\s+TRIGGER\s+PRIORITY\s+UPDATED$/);
    expect(lines.slice(1)).toHaveLength(1);
    expect(lines[1]).toMatch(
      new RegExp(`^${active.id}\\s+active\\s+Annual plan nudge\\s+page_visit https://app`),
    );

    const missing = await runCli(['outbound', 'get', 'out_nope'], { env: t.env });
    expect(missing.code).toBe(3);
  });
});

describe('opencom outbound update', () => {
  it('flags change only what they name: --sender keeps the text, --delay keeps the trigger type', async () => {
    const t = await startServer();
    const file = join(t.configDir, 'nudge.json');
    await writeFile(
      file,
      JSON.stringify({
        name: 'Draft name',
        content: { text: 'Hello there' },
        triggers: { type: 'time_on_page', delaySeconds: 10, pageUrl: 'https://app.example.com/*' },
        targeting: {
          match: 'all',
          rules: [{ attribute: 'customAttributes.plan', operator: 'equals', value: 'pro' }],
        },
      }),
    );
    // --input gives the body; flags override its fields and fill in its objects.
    const message = await runJson(
      ['outbound', 'create', '--input', file, '--name', 'Nudge', '--sender', 'agt_mara'],
      {
        env: t.env,
      },
    );
    expect(message).toMatchObject({
      name: 'Nudge',
      status: 'draft',
      content: { text: 'Hello there', senderId: 'agt_mara' },
    });
    const updated = await runJson(
      ['outbound', 'update', message.id, '--no-sender', '--delay', '30s', '--match', 'any'],
      {
        env: t.env,
      },
    );
    expect(updated).toMatchObject({
      content: { text: 'Hello there', senderId: null },
      triggers: { type: 'time_on_page', delaySeconds: 30, pageUrl: 'https://app.example.com/*' },
      targeting: { match: 'any', rules: message.targeting.rules },
    });

    // A new trigger type starts from scratch; --no-rules shows it to every visitor.
    const { code, stderr } = await runCli(
      [
        'outbound',
        'update',
        message.id,
        '--trigger',
        'custom_event',
        '--event',
        'checkout.failed',
        '--no-rules',
      ],
      {
        env: t.env,
      },
    );
    expect(code).toBe(0);
    expect(stderr).toBe(`✓ Updated ${message.id} "Nudge" (draft)\n`);
    expect(await client(t).outboundMessages.get(message.id)).toMatchObject({
      triggers: { type: 'custom_event', eventName: 'checkout.failed', pageUrl: null, delaySeconds: null },
      targeting: { match: 'any', rules: [] },
    });
  });

  it('nothing to change is a usage error; a key without outbound.write exits 6', async () => {
    const t = await startServer();
    const message = await draft(t);
    expect((await runCli(['outbound', 'update', message.id], { env: t.env })).code).toBe(2);
    const reader = await createKey(t, ['outbound.read'], 'Reader');
    const { code, stderr } = await runCli(['outbound', 'update', message.id, '--priority', '5'], {
      env: { ...t.env, OPENCOM_API_KEY: reader.secret },
    });
    expect(code).toBe(6);
    expect(stderr).toMatch(/outbound\.write.*\(insufficient_scope/);
  });
});

describe('opencom outbound activate|pause|delete', () => {
  it('activates and pauses; pausing a draft exits 4 with invalid_transition', async () => {
    const t = await startServer();
    const message = await draft(t);
    const refused = await runCli(['outbound', 'pause', message.id], { env: t.env });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/\(invalid_transition, request req_\w+\)\n$/);

    const activated = await runCli(['outbound', 'activate', message.id], { env: t.env });
    expect(activated.code).toBe(0);
    expect(activated.stdout).toMatch(/^status\s+active$/m);
    expect(activated.stderr).toBe(`✓ Activated ${message.id} "Annual plan nudge"\n`);

    const paused = await runJson(['outbound', 'pause', message.id], { env: t.env });
    expect(paused).toMatchObject({ id: message.id, status: 'paused' });
    const pausedAgain = await runCli(['outbound', 'pause', message.id], { env: t.env });
    expect(pausedAgain.stderr).toBe(`✓ Paused ${message.id} "Annual plan nudge"\n`);
    expect(await runJson(['outbound', 'activate', message.id], { env: t.env })).toMatchObject({
      status: 'active',
    });
  });

  it('delete needs --yes without a terminal, then deletes', async () => {
    const t = await startServer();
    const message = await draft(t);
    const unconfirmed = await runCli(['outbound', 'delete', message.id], { env: t.env });
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toBe(
      `opencom: Delete outbound message ${message.id}: pass --yes to confirm (no terminal to ask on)\n`,
    );

    expect(await runJson(['outbound', 'delete', message.id, '--yes'], { env: t.env })).toEqual({
      id: message.id,
      deleted: true,
    });
    const other = await draft(t);
    const deleted = await runCli(['outbound', 'delete', other.id, '-y'], { env: t.env });
    expect(deleted.code).toBe(0);
    expect(deleted.stderr).toBe(`✓ Deleted ${other.id}\n`);
    expect((await client(t).outboundMessages.list()).data).toEqual([]);
  });
});
