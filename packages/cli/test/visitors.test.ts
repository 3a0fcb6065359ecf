import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Opencom } from '@opencom/sdk';
import { assert, describe, expect, it } from 'vitest';
import { createKey, runCli, runJson, startServer, type TestServer } from './support';

const client = (t: TestServer) => new Opencom({ apiKey: t.apiKey, baseUrl: t.url, maxRetries: 0 });

async function visitors(t: TestServer) {
  return (await client(t).visitors.list({ limit: 100 })).data;
}

describe('opencom visitors list|get', () => {
  it('lists visitors in a table; --email and --attr filter; --json prints the page', async () => {
    const t = await startServer();
    const all = await visitors(t);
    const { code, stdout } = await runCli(['visitors', 'list', '--limit', '100'], { env: t.env });
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+EMAIL\s+EXTERNAL ID\s+LAST SEEN$/);
    expect(lines.slice(1).map((line) => line.split(' ')[0])).toEqual(all.map((v) => v.id));

    const dana = all.find((v) => v.email !== null);
    assert(dana?.email);
    const byEmail = await runJson(['visitors', 'list', '--email', dana.email.toUpperCase()], { env: t.env });
    expect(byEmail.data.map((v: { id: string }) => v.id)).toEqual([dana.id]);

    const pro = await runJson(['visitors', 'list', '--attr', 'plan=pro', '--attr', 'trial=false'], {
      env: t.env,
    });
    const expected = all.filter(
      (v) => v.customAttributes.plan === 'pro' && v.customAttributes.trial === false,
    );
    expect(pro.data.map((v: { id: string }) => v.id)).toEqual(expected.map((v) => v.id));
    expect(expected.length).toBeGreaterThan(0);
  });

  it('get shows the profile and attributes; an unknown ID exits 3', async () => {
    const t = await startServer();
    const visitor = (await visitors(t)).find(
      (v) => Object.keys(v.customAttributes).length > 0 && v.location !== null,
    );
    assert(visitor?.location);
    const { code, stdout } = await runCli(['visitors', 'get', visitor.id], { env: t.env });
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^name\\s+${visitor.name}$`, 'm'));
    expect(stdout).toMatch(
      new RegExp(`^location\\s+${visitor.location.city}, ${visitor.location.country}$`, 'm'),
    );
    expect(stdout).toContain(`plan=${JSON.stringify(visitor.customAttributes.plan)}`);
    expect(await runJson(['visitors', 'get', visitor.id], { env: t.env })).toEqual(visitor);

    const missing = await runCli(['visitors', 'get', 'vis_nope'], { env: t.env });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/\(not_found, request req_\w+\)\n$/);
  });
});

describe('opencom visitors create|update', () => {
  it('creates a visitor from flags with typed attributes', async () => {
    const t = await startServer();
    const { code, stdout, stderr } = await runCli(
      [
        'visitors',
        'create',
        '--name',
        'Sam Okafor',
        '--email',
        'sam.okafor@example.com',
        '--external-id',
        'crm_90377',
        '--attr',
        'plan=starter',
        '--attr',
        'seats=1',
        '--attr',
        'handle=@sam',
        '--country',
        'Nigeria',
      ],
      { env: t.env },
    );
    expect(code).toBe(0);
    const id = /^id\s+(vis_\w+)$/m.exec(stdout)?.[1];
    assert(id);
    expect(stderr).toBe(`✓ Created visitor ${id}\n`);
    expect(await client(t).visitors.get(id)).toMatchObject({
      name: 'Sam Okafor',
      externalId: 'crm_90377',
      customAttributes: { plan: 'starter', seats: 1, handle: '@sam' },
      location: { city: null, country: 'Nigeria' },
    });
  });

  it('an invalid email is exit 2 with the pointer; a taken external ID is exit 4', async () => {
    const t = await startServer();
    const invalid = await runCli(['visitors', 'create', '--email', 'not-an-email'], { env: t.env });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/\/body\/email/);
    expect(invalid.stderr).toMatch(/\(validation_failed, request req_\w+\)\n$/);

    const created = await runJson(['visitors', 'create', '--external-id', 'crm_1', '--attr', 'seats=2'], {
      env: t.env,
    });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^vis_/),
      externalId: 'crm_1',
      customAttributes: { seats: 2 },
    });
    const taken = await runCli(['visitors', 'create', '--external-id', 'crm_1'], { env: t.env });
    expect(taken.code).toBe(4);
    expect(taken.stderr).toMatch(/\(conflict, request req_\w+\)\n$/);
  });

  it('update merges attributes (null removes one) and --no-… clears a field', async () => {
    const t = await startServer();
    const visitor = (await visitors(t)).find(
      (v) => v.customAttributes.trial !== undefined && v.email !== null,
    );
    assert(visitor);
    const updated = await runJson(
      [
        'visitors',
        'update',
        visitor.id,
        '--attr',
        'seats=8',
        '--attr',
        'trial=null',
        '--no-email',
        '--city',
        'Porto',
        '--country',
        'Portugal',
      ],
      { env: t.env },
    );
    const { trial: _removed, ...kept } = visitor.customAttributes;
    expect(updated).toMatchObject({
      id: visitor.id,
      email: null,
      name: visitor.name,
      location: { city: 'Porto', country: 'Portugal' },
      customAttributes: { ...kept, seats: 8 },
    });
    expect(updated.customAttributes).not.toHaveProperty('trial');
  });

  it('update refuses a lone --city (the location is replaced whole) and an empty change', async () => {
    const t = await startServer();
    const id = (await visitors(t))[0]?.id ?? '';
    const city = await runCli(['visitors', 'update', id, '--city', 'Porto'], { env: t.env });
    expect(city.code).toBe(2);
    expect(city.stderr).toBe(
      'opencom: pass --city and --country together (the location is replaced whole)\n',
    );
    const nothing = await runCli(['visitors', 'update', id], { env: t.env });
    expect(nothing.code).toBe(2);
    const renamed = await runCli(['visitors', 'update', id, '--name', 'Dana W.'], { env: t.env });
    expect(renamed.code).toBe(0);
    expect(renamed.stdout).toMatch(/^name\s+Dana W\.$/m);
    expect(renamed.stderr).toBe(`✓ Updated visitor ${id}\n`);
  });

  it('a key without visitors.write exits 6', async () => {
    const t = await startServer();
    const reader = await createKey(t, ['visitors.read'], 'Reader');
    const { code, stderr } = await runCli(['visitors', 'create', '--name', 'Nobody'], {
      env: { ...t.env, OPENCOM_API_KEY: reader.secret },
    });
    expect(code).toBe(6);
    expect(stderr).toMatch(/visitors\.write.*\(insufficient_scope/);
  });
});

describe('opencom visitors upsert', () => {
  it('creates by external ID, then updates the same visitor; --input merges with flags', async () => {
    const t = await startServer();
    const file = join(t.configDir, 'contact.json');
    await writeFile(
      file,
      JSON.stringify({ email: 'priya.raman@example.com', customAttributes: { plan: 'business', seats: 25 } }),
    );
    const created = await runCli(
      ['visitors', 'upsert', 'crm_90412', '--input', file, '--name', 'Priya Raman', '--attr', 'trial=true'],
      {
        env: t.env,
      },
    );
    expect(created.code).toBe(0);
    const id = /^id\s+(vis_\w+)$/m.exec(created.stdout)?.[1];
    assert(id);
    expect(created.stderr).toBe(`✓ Upserted visitor ${id} (external ID crm_90412)\n`);
    expect(await client(t).visitors.get(id)).toMatchObject({
      externalId: 'crm_90412',
      name: 'Priya Raman',
      email: 'priya.raman@example.com',
      customAttributes: { plan: 'business', seats: 25, trial: true },
    });

    const updated = await runJson(['visitors', 'upsert', 'crm_90412', '--attr', 'seats=30', '--no-name'], {
      env: t.env,
    });
    expect(updated).toMatchObject({
      id,
      name: null,
      customAttributes: { plan: 'business', seats: 30, trial: true },
    });
    expect((await client(t).visitors.list({ externalId: 'crm_90412' })).data).toHaveLength(1);
  });

  it('--input that is not a JSON object is a usage error naming the file', async () => {
    const t = await startServer();
    const file = join(t.configDir, 'list.json');
    await writeFile(file, '[1, 2]');
    const { code, stderr } = await runCli(['visitors', 'upsert', 'crm_1', '--input', file], { env: t.env });
    expect(code).toBe(2);
    expect(stderr).toBe(`opencom: ${file} must hold a JSON object\n`);
  });
});
