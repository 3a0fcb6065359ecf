import { Opencom } from '@opencom/sdk';
import { describe, expect, it } from 'vitest';
import { runCli, runJson, startServer, type TestServer } from './support';

const client = (t: TestServer) => new Opencom({ apiKey: t.apiKey, baseUrl: t.url });

/** The demo workspace's three top-level collections, plus a child "Invoices" under Billing. */
async function withChild(t: TestServer) {
  const opencom = client(t);
  const { data } = await opencom.collections.list();
  const billing = data.find((c) => c.name === 'Billing & payments');
  if (!billing) throw new Error('no demo Billing collection');
  const invoices = await opencom.collections.create({
    name: 'Invoices',
    parentId: billing.id,
    externalId: 'billing/invoices',
  });
  return { billing, invoices };
}

describe('opencom collections list', () => {
  it('prints a table, newest first; --json prints the page; --parent root keeps the top level', async () => {
    const t = await startServer();
    const { billing, invoices } = await withChild(t);

    const { code, stdout } = await runCli(['collections', 'list'], { env: t.env });
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+PARENT\s+ARTICLES\s+EXTERNAL ID\s+UPDATED$/);
    expect(lines[1]).toMatch(
      new RegExp(`^${invoices.id}\\s+Invoices\\s+${billing.id}\\s+0\\s+billing/invoices\\s+\\d{4}-`),
    );
    expect(lines).toHaveLength(5);

    const top = await runJson(['collections', 'list', '--parent', 'root'], { env: t.env });
    expect(top).toMatchObject({ hasMore: false, nextCursor: null });
    expect(top.data.map((c: { name: string }) => c.name)).toEqual([
      'Orders & shipping',
      'Account & security',
      'Billing & payments',
    ]);
  });

  it('--tree draws the tree in help-center order, with article counts; with --json it is nested', async () => {
    const t = await startServer();
    const { billing, invoices } = await withChild(t);

    const { code, stdout } = await runCli(['collections', 'list', '--tree'], { env: t.env });
    expect(code).toBe(0);
    const { data } = await client(t).collections.list();
    const id = (name: string) => data.find((c) => c.name === name)?.id;
    expect(stdout).toBe(
      [
        `Billing & payments  ${billing.id} · 3 articles`,
        `└─ Invoices  ${invoices.id} · 0 articles`,
        `Account & security  ${id('Account & security')} · 3 articles`,
        `Orders & shipping  ${id('Orders & shipping')} · 2 articles`,
        '',
      ].join('\n'),
    );

    const tree = await runJson(['collections', 'list', '--tree'], { env: t.env });
    expect(tree.data.map((c: { name: string }) => c.name)).toEqual([
      'Billing & payments',
      'Account & security',
      'Orders & shipping',
    ]);
    expect(tree.data[0].children).toMatchObject([{ id: invoices.id, parentId: billing.id, children: [] }]);

    const under = await runJson(['collections', 'list', '--tree', '--parent', billing.id], { env: t.env });
    expect(under.data.map((c: { id: string }) => c.id)).toEqual([invoices.id]);
  });
});

describe('opencom collections get', () => {
  it('shows the fields and article count; --json prints the collection; an unknown one exits 3', async () => {
    const t = await startServer();
    const { billing } = await withChild(t);
    const human = await runCli(['collections', 'get', billing.id], { env: t.env });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(
      new RegExp(`^id\\s+${billing.id}\\nname\\s+Billing & payments\\nslug\\s+billing-payments\\n`),
    );
    expect(human.stdout).toMatch(/^articles\s+3$/m);
    expect(human.stdout).toMatch(/^parent\s+-$/m);
    expect(await runJson(['collections', 'get', billing.id], { env: t.env })).toMatchObject({
      id: billing.id,
      articleCount: 3,
    });

    const missing = await runCli(['collections', 'get', 'col_missing'], { env: t.env });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^opencom: .* \(not_found, request req_\w+\)\n$/);
  });
});

describe('opencom collections create', () => {
  it('creates a child collection with icon and external ID; --json prints it', async () => {
    const t = await startServer();
    const { billing } = await withChild(t);
    const human = await runCli(
      ['collections', 'create', '--name', 'Refunds', '--parent', billing.id, '--icon', 'undo'],
      {
        env: t.env,
      },
    );
    expect(human.code).toBe(0);
    expect(human.stderr).toMatch(/^✓ Created collection col_\w+ "Refunds"\n$/);

    const created = await runJson(
      ['collections', 'create', '--name', 'Plans', '--external-id', 'billing/plans', '--order', '0'],
      {
        env: t.env,
      },
    );
    expect(created).toMatchObject({
      name: 'Plans',
      slug: 'plans',
      externalId: 'billing/plans',
      parentId: null,
      order: 0,
    });
  });

  it('an unknown parent is the API validation error (exit 2); --name is required', async () => {
    const t = await startServer();
    const invalid = await runCli(['collections', 'create', '--name', 'X', '--parent', 'col_nope'], {
      env: t.env,
    });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/\/body\/parentId .* \(validation_failed, request req_\w+\)\n$/);
    const missing = await runCli(['collections', 'create'], { env: t.env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--name <name>' not specified");
  });
});

describe('opencom collections update', () => {
  it('renames (the slug stays), clears the icon and moves to the top level with --no-parent', async () => {
    const t = await startServer();
    const { invoices } = await withChild(t);
    const human = await runCli(
      ['collections', 'update', invoices.id, '--name', 'Invoices & receipts', '--icon', 'receipt'],
      {
        env: t.env,
      },
    );
    expect(human.stderr).toBe(`✓ Updated collection ${invoices.id} "Invoices & receipts"\n`);
    const moved = await runJson(['collections', 'update', invoices.id, '--no-parent', '--no-icon'], {
      env: t.env,
    });
    expect(moved).toMatchObject({
      name: 'Invoices & receipts',
      slug: 'invoices',
      parentId: null,
      icon: null,
    });
  });

  it('moving a collection under its own child is a conflict (exit 4); nothing to change is a usage error', async () => {
    const t = await startServer();
    const { billing, invoices } = await withChild(t);
    const cycle = await runCli(['collections', 'update', billing.id, '--parent', invoices.id], {
      env: t.env,
    });
    expect(cycle.code).toBe(4);
    expect(cycle.stderr).toMatch(/^opencom: .* \(conflict, request req_\w+\)\n$/);
    const nothing = await runCli(['collections', 'update', billing.id], { env: t.env });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/^opencom: nothing to update: pass --name/);
  });
});

describe('opencom collections delete', () => {
  it('refuses a collection that still has articles or children with the server code (exit 4)', async () => {
    const t = await startServer();
    const { billing } = await withChild(t);
    const { code, stdout, stderr } = await runCli(['collections', 'delete', billing.id, '--yes'], {
      env: t.env,
    });
    expect(code).toBe(4);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^opencom: .*still has 3 articles and 1 child collection.* \(conflict, request req_\w+\)\n$/,
    );
  });

  it('deletes an empty collection with --yes (and needs it without a terminal)', async () => {
    const t = await startServer();
    const { invoices } = await withChild(t);
    const refused = await runCli(['collections', 'delete', invoices.id], { env: t.env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `opencom: Delete collection ${invoices.id}: pass --yes to confirm (no terminal to ask on)\n`,
    );
    const human = await runCli(['collections', 'delete', invoices.id, '--yes'], { env: t.env });
    expect(human.code).toBe(0);
    expect(human.stderr).toBe(`✓ Deleted collection ${invoices.id}\n`);
    expect((await runCli(['collections', 'get', invoices.id], { env: t.env })).code).toBe(3);
  });

  it('--json prints the confirmation', async () => {
    const t = await startServer();
    const { invoices } = await withChild(t);
    expect(await runJson(['collections', 'delete', invoices.id, '--yes'], { env: t.env })).toEqual({
      id: invoices.id,
      deleted: true,
    });
  });
});
