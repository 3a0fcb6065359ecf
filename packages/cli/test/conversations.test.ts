import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Opencom } from '@opencom/sdk';
import { assert, describe, expect, it } from 'vitest';
import { formatTime } from '../src/output/format';
import { createKey, runCli, runJson, startServer, type TestServer } from './support';

const client = (t: TestServer) => new Opencom({ apiKey: t.apiKey, baseUrl: t.url, maxRetries: 0 });

async function conversations(t: TestServer) {
  return (await client(t).conversations.list({ limit: 100 })).data;
}

describe('opencom conversations list', () => {
  it('prints a table with the claim holder and the last message time', async () => {
    const t = await startServer();
    const all = await conversations(t);
    const claimed = all.find((c) => c.status === 'open');
    assert(claimed);
    const claim = await client(t).claims.claim(claimed.id);

    const { code, stdout } = await runCli(['conversations', 'list', '--limit', '100'], { env: t.env });
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+CHANNEL\s+SUBJECT\s+CLAIMED BY\s+LAST MESSAGE$/);
    expect(lines).toHaveLength(all.length + 1);
    const row = lines.find((line) => line.startsWith(claimed.id));
    expect(row).toContain(`demo-bot until ${formatTime(claim.expiresAt)}`);
    expect(row).toContain(formatTime(claimed.lastMessageAt));
    expect(lines.filter((line) => line.includes('demo-bot'))).toHaveLength(1);
  });

  it('passes the filters to the API: status, channel, --attr and --no-eligible', async () => {
    const t = await startServer();
    const all = await conversations(t);
    const closed = await runJson(['conversations', 'list', '--status', 'closed'], { env: t.env });
    expect(closed.data.map((c: { id: string }) => c.id)).toEqual(
      all.filter((c) => c.status === 'closed').map((c) => c.id),
    );

    const email = await runJson(['conversations', 'list', '--channel', 'email', '--status', 'open'], {
      env: t.env,
    });
    expect(email.data.length).toBeGreaterThan(0);
    expect(
      email.data.every(
        (c: { channel: string; status: string }) => c.channel === 'email' && c.status === 'open',
      ),
    ).toBe(true);

    const pro = await runJson(['conversations', 'list', '--attr', 'plan=pro', '--all'], { env: t.env });
    const expected = await client(t).conversations.list({ customAttributes: { plan: 'pro' }, limit: 100 });
    expect(pro).toEqual({ data: expected.data, hasMore: false, nextCursor: null });
    expect(pro.data.length).toBeGreaterThan(0);
    expect(pro.data.length).toBeLessThan(all.length);

    const ineligible = await runJson(['conversations', 'list', '--no-eligible'], { env: t.env });
    expect(ineligible.data.length).toBeGreaterThan(0);
    expect(ineligible.data.every((c: { automationEligible: boolean }) => !c.automationEligible)).toBe(true);
  });

  it('an invalid filter is exit 2 with the pointer the server names', async () => {
    const t = await startServer();
    const { code, stderr } = await runCli(['conversations', 'list', '--email', 'not-an-email'], {
      env: t.env,
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/\/query\/email/);
    expect(stderr).toMatch(/\(validation_failed, request req_\w+\)\n$/);
  });
});

describe('opencom conversations get', () => {
  it('shows the claim holder, lease expiry and AI state; --json prints the record', async () => {
    const t = await startServer();
    const id = (await conversations(t)).find((c) => c.automationEligible)?.id ?? '';
    const claim = await client(t).claims.claim(id, { leaseSeconds: 120 });

    const { code, stdout } = await runCli(['conversations', 'get', id], { env: t.env });
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^id\\s+${id}$`, 'm'));
    expect(stdout).toMatch(new RegExp(`^claimed by\\s+demo-bot \\(${claim.credentialId}\\)$`, 'm'));
    expect(stdout).toMatch(new RegExp(`^claim\\s+${claim.claimId}$`, 'm'));
    expect(stdout).toContain(`lease expires  ${formatTime(claim.expiresAt)}\n`);
    expect(stdout).toMatch(/^AI state\s+none$/m);
    expect(stdout).toMatch(/^automation\s+not eligible$/m);

    expect(await runJson(['conversations', 'get', id], { env: t.env })).toEqual(
      await client(t).conversations.get(id),
    );
  });

  it('an unknown ID exits 3 with the problem code and request ID', async () => {
    const t = await startServer();
    const { code, stdout, stderr } = await runCli(['conversations', 'get', 'conv_nope'], { env: t.env });
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^opencom: .*\(not_found, request req_\w+\)\n$/);
  });
});

describe('opencom conversations update', () => {
  it('changes status, subject and assignee; --no-assignee unassigns', async () => {
    const t = await startServer();
    const conversation = (await conversations(t)).find(
      (c) => c.assignedAgentId !== null && c.status === 'open',
    );
    assert(conversation);

    const { code, stdout, stderr } = await runCli(
      [
        'conversations',
        'update',
        conversation.id,
        '--status',
        'snoozed',
        '--subject',
        'Refund for order 1042',
      ],
      { env: t.env },
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^status\s+snoozed$/m);
    expect(stdout).toMatch(/^subject\s+Refund for order 1042$/m);
    expect(stderr).toBe(`✓ Updated ${conversation.id}\n`);

    const unassigned = await runJson(
      ['conversations', 'update', conversation.id, '--no-assignee', '--no-subject'],
      { env: t.env },
    );
    expect(unassigned).toMatchObject({
      id: conversation.id,
      assignedAgentId: null,
      subject: null,
      status: 'snoozed',
    });
  });

  it('--input reads the body from a file, flags win; closing a claimed conversation ends the claim', async () => {
    const t = await startServer();
    const id = (await conversations(t)).find((c) => c.automationEligible)?.id ?? '';
    await client(t).claims.claim(id);
    const file = join(t.configDir, 'patch.json');
    await writeFile(file, JSON.stringify({ status: 'open', assignedAgentId: 'agt_mara' }));
    const updated = await runJson(['conversations', 'update', id, '--input', file, '--status', 'closed'], {
      env: t.env,
    });
    expect(updated).toMatchObject({ status: 'closed', assignedAgentId: 'agt_mara', claim: null });
  });

  it('nothing to change is a usage error before any request; a wrong status is rejected by the parser', async () => {
    const t = await startServer();
    const id = (await conversations(t))[0]?.id ?? '';
    const nothing = await runCli(['conversations', 'update', id], { env: t.env });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toBe(
      'opencom: nothing to change: pass at least one field flag or --input <file.json>\n',
    );

    const wrong = await runCli(['conversations', 'update', id, '--status', 'pending'], { env: t.env });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/Allowed choices are open, closed, snoozed/);
  });

  it('a key without conversations.write exits 6 naming the scope', async () => {
    const t = await startServer();
    const id = (await conversations(t))[0]?.id ?? '';
    const reader = await createKey(t, ['conversations.read'], 'Reader');
    const { code, stderr } = await runCli(['conversations', 'update', id, '--status', 'closed'], {
      env: { ...t.env, OPENCOM_API_KEY: reader.secret },
    });
    expect(code).toBe(6);
    expect(stderr).toMatch(/conversations\.write/);
    expect(stderr).toMatch(/\(insufficient_scope, request req_\w+\)\n$/);
    expect((await client(t).conversations.get(id)).status).not.toBe('closed');
  });
});
