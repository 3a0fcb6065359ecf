import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runJson, startServer } from './support';

describe('opencom api', () => {
  it('GET with -f/-F fields sends them as the query and prints the body', async () => {
    const t = await startServer();
    const page = await runJson(['api', 'GET', '/conversations', '-f', 'status=open', '-F', 'limit=2'], {
      env: t.env,
    });
    expect(page.data).toHaveLength(2);
    expect(page.data.every((c: { status: string }) => c.status === 'open')).toBe(true);
  });

  it('accepts the path with or without /api/v1', async () => {
    const t = await startServer();
    const a = await runJson(['api', 'get', '/api/v1/me'], { env: t.env });
    const b = await runJson(['api', 'get', 'me'], { env: t.env });
    expect(a.credentialId).toBe(b.credentialId);
  });

  it('POST sends the fields as a JSON body typed by -F; -H sets headers such as Idempotency-Key', async () => {
    const t = await startServer();
    const args = [
      'api',
      'POST',
      '/tickets',
      '-f',
      'subject=Printer on fire',
      '-F',
      'priority=high',
      '-H',
      'Idempotency-Key: ticket-42',
    ];
    const first = await runCli([...args, '-i'], { env: t.env });
    expect(first.code).toBe(0);
    const created = JSON.parse(first.stdout.slice(first.stdout.indexOf('\n\n') + 2));
    expect(created).toMatchObject({ subject: 'Printer on fire', priority: 'high' });
    // The same key again: the stored response, not a second ticket.
    const again = await runCli([...args, '-i'], { env: t.env });
    expect(again.stdout).toMatch(/^idempotent-replayed: true$/m);
    expect(JSON.parse(again.stdout.slice(again.stdout.indexOf('\n\n') + 2)).id).toBe(created.id);
  });

  it('--input reads the body from a file, -i prints the status line and headers first', async () => {
    const t = await startServer();
    const file = join(t.configDir, 'collection.json');
    await writeFile(file, JSON.stringify({ name: 'Billing help', description: 'Invoices and refunds' }));
    const { code, stdout } = await runCli(['api', 'POST', '/collections', '--input', file, '-i'], {
      env: t.env,
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^HTTP 201 Created\n/);
    expect(stdout).toMatch(/^x-request-id: req_\w+$/m);
    expect(stdout).toContain('"name": "Billing help"');
  });

  it('a problem response is printed as JSON, with one stderr line and the exit code of its status', async () => {
    const t = await startServer();
    const missing = await runCli(['api', 'GET', '/articles/art_nope'], { env: t.env });
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.stdout).code).toBe('not_found');
    expect(missing.stderr).toMatch(
      /^opencom: GET \/articles\/art_nope: HTTP 404 Not found \(not_found, request req_\w+\)\n$/,
    );

    const invalid = await runCli(['api', 'GET', '/conversations', '-F', 'limit=1000'], { env: t.env });
    expect(invalid.code).toBe(2);
    expect(JSON.parse(invalid.stdout).errors[0].pointer).toBeTruthy();
  });

  it('an unknown method or a malformed field is a usage error before any request', async () => {
    const t = await startServer();
    const method = await runCli(['api', 'FETCH', '/me'], { env: t.env });
    expect(method.code).toBe(2);
    expect(method.stderr).toBe('opencom: unknown method "FETCH" (use GET, POST, PUT, PATCH, DELETE)\n');
    const field = await runCli(['api', 'POST', '/tickets', '-f', 'subject'], { env: t.env });
    expect(field.code).toBe(2);
    expect(field.stderr).toBe('opencom: expected key=value, got "subject"\n');
  });
});
