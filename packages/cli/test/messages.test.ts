import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Opencom } from '@opencom/sdk';
import { assert, describe, expect, it } from 'vitest';
import { formatTime } from '../src/output/format';
import { createKey, runCli, runJson, startServer, type TestServer } from './support';

const client = (t: TestServer, apiKey = t.apiKey) => new Opencom({ apiKey, baseUrl: t.url, maxRetries: 0 });

/** An open conversation nobody holds, and its messages as the API lists them. */
async function conversation(t: TestServer) {
  const id = (await client(t).conversations.list({ automationEligible: true, limit: 1 })).data[0]?.id ?? '';
  return { id, messages: (await client(t).messages.list(id, { limit: 100 })).data };
}

describe('opencom messages list', () => {
  it('prints the messages oldest first with their sender; --json prints the page', async () => {
    const t = await startServer();
    const { id, messages } = await conversation(t);
    const { code, stdout } = await runCli(['messages', 'list', id], { env: t.env });
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+FROM\s+SENT\s+CONTENT$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual(messages.map((m) => m.id));
    expect(lines[1]).toContain(`visitor  ${formatTime(messages[0]?.createdAt)}`);

    const page = await runJson(['messages', 'list', id, '--limit', '1'], { env: t.env });
    expect(page).toMatchObject({ data: [messages[0]], hasMore: messages.length > 1 });
  });

  it('an unknown conversation exits 3', async () => {
    const t = await startServer();
    const { code, stderr } = await runCli(['messages', 'list', 'conv_nope'], { env: t.env });
    expect(code).toBe(3);
    expect(stderr).toMatch(/\(not_found, request req_\w+\)\n$/);
  });
});

describe('opencom messages send', () => {
  it('without a claim exits 4 with claim_required; with one it sends as automation', async () => {
    const t = await startServer();
    const { id } = await conversation(t);
    const refused = await runCli(['messages', 'send', id, 'Hello'], { env: t.env });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/\(claim_required, request req_\w+\)\n$/);

    await client(t).claims.claim(id);
    const { code, stdout, stderr } = await runCli(
      ['messages', 'send', id, 'I have refunded the duplicate charge.'],
      {
        env: t.env,
      },
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^from\s+automation demo-bot$/m);
    const sent = (await client(t).messages.list(id, { limit: 100 })).data.at(-1);
    assert(sent);
    expect(sent).toMatchObject({
      senderType: 'automation',
      actorName: 'demo-bot',
      content: 'I have refunded the duplicate charge.',
    });
    expect(stderr).toBe(`✓ Sent ${sent.id} to ${id}\n`);
  });

  it('reads the content from stdin with "-" or from --content-file; --json prints the message', async () => {
    const t = await startServer();
    const { id } = await conversation(t);
    await client(t).claims.claim(id);
    const piped = await runJson(['messages', 'send', id, '-'], { env: t.env, stdin: 'From a pipe\n' });
    expect(piped).toMatchObject({ conversationId: id, senderType: 'automation', content: 'From a pipe' });

    const file = join(t.configDir, 'reply.md');
    await writeFile(file, '**Refunded.** It reaches your card in 5-10 days.\n');
    const filed = await runJson(['messages', 'send', id, '--content-file', file], { env: t.env });
    expect(filed.content).toBe('**Refunded.** It reaches your card in 5-10 days.');
  });

  it('--idempotency-key makes a rerun post nothing new', async () => {
    const t = await startServer();
    const { id, messages } = await conversation(t);
    await client(t).claims.claim(id);
    const args = ['messages', 'send', id, 'Only once', '--idempotency-key', 'reply-42'];
    const first = await runJson(args, { env: t.env });
    const again = await runJson(args, { env: t.env });
    expect(again.id).toBe(first.id);
    const after = (await client(t).messages.list(id, { limit: 100 })).data;
    expect(after).toHaveLength(messages.length + 1);

    // The same key with other content is a different request: refused, exit 4.
    const reused = await runCli(['messages', 'send', id, 'Something else', '--idempotency-key', 'reply-42'], {
      env: t.env,
    });
    expect(reused.code).toBe(4);
    expect(reused.stderr).toMatch(/idempotency_key_reused/);
  });

  it('while another key holds the claim it exits 4 naming the holder', async () => {
    const t = await startServer();
    const { id } = await conversation(t);
    const other = await createKey(t, ['claims.manage'], 'Other bot');
    const claim = await client(t, other.secret).claims.claim(id);
    const { code, stderr } = await runCli(['messages', 'send', id, 'Hello'], { env: t.env });
    expect(code).toBe(4);
    expect(stderr).toMatch(
      new RegExp(
        `^opencom: ${id} is claimed by other-bot until ${formatTime(claim.expiresAt)} \\(claim_conflict, request req_\\w+\\)\\n$`,
      ),
    );
  });

  it('no content, empty content, or both an argument and a file are usage errors', async () => {
    const t = await startServer();
    const { id } = await conversation(t);
    const none = await runCli(['messages', 'send', id], { env: t.env });
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('opencom: no message: pass it as an argument, "-" to read stdin, or a file\n');
    const empty = await runCli(['messages', 'send', id, '-'], { env: t.env, stdin: '\n' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('opencom: the message is empty\n');
    const both = await runCli(['messages', 'send', id, 'Hi', '--content-file', 'reply.md'], { env: t.env });
    expect(both.code).toBe(2);
  });

  it('a key without messages.write exits 6', async () => {
    const t = await startServer();
    const { id } = await conversation(t);
    const claimer = await createKey(t, ['claims.manage'], 'Claimer');
    await client(t, claimer.secret).claims.claim(id);
    const { code, stderr } = await runCli(['messages', 'send', id, 'Hello'], {
      env: { ...t.env, OPENCOM_API_KEY: claimer.secret },
    });
    expect(code).toBe(6);
    expect(stderr).toMatch(/messages\.write.*\(insufficient_scope/);
  });
});
