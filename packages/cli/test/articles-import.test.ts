import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Opencom } from '@opencom/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, runInTerminal, startServer, type TestServer } from './support';

/** Nested folders, front matter variants, and three files that cannot be imported (one reason each). */
const FIXTURE = fileURLToPath(new URL('./fixtures/kb', import.meta.url));
const GOOD_FILES = 6;
const FOLDERS = 4;

const temporary: string[] = [];
afterEach(async () => {
  for (const dir of temporary.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'opencom-kb-'));
  temporary.push(dir);
  return dir;
}

/** A copy of the fixture the test may edit. */
async function fixtureCopy(): Promise<string> {
  const dir = join(await tempDir(), 'kb');
  await cp(FIXTURE, dir, { recursive: true });
  return dir;
}

const client = (t: TestServer) => new Opencom({ apiKey: t.apiKey, baseUrl: t.url, maxRetries: 0 });

async function articlesByExternalId(t: TestServer) {
  const all = new Map<string, Awaited<ReturnType<Opencom['articles']['get']>>>();
  for await (const article of client(t).articles.list({ limit: 100 })) {
    if (article.externalId !== null) all.set(article.externalId, article);
  }
  return all;
}

async function collectionsByExternalId(t: TestServer) {
  const all = new Map<string, Awaited<ReturnType<Opencom['collections']['get']>>>();
  for await (const collection of client(t).collections.list({ limit: 100 })) {
    if (collection.externalId !== null) all.set(collection.externalId, collection);
  }
  return all;
}

async function importJson(t: TestServer, dir: string, ...flags: string[]) {
  const result = await runCli(['articles', 'import', dir, '--json', ...flags], { env: t.env });
  return { ...result, report: JSON.parse(result.stdout) };
}

describe('opencom articles import', () => {
  it('creates collections from folders and articles from files; a broken file is named with its reason and the rest still land (exit 1)', async () => {
    const t = await startServer();
    const dir = await fixtureCopy();
    const { code, report, stderr } = await importJson(t, dir);

    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(report).toMatchObject({ dryRun: false, created: GOOD_FILES, updated: 0, unchanged: 0 });
    expect(report.collections).toMatchObject({ created: FOLDERS, updated: 0, unchanged: 0, failed: 0 });
    expect(report.failed).toEqual([
      {
        path: 'getting-started/broken.md',
        reason: expect.stringMatching(/^invalid front matter \(line \d+\): /),
      },
      {
        path: 'notes/duplicate-tags.md',
        reason: expect.stringMatching(
          /\/body\/tags must NOT have duplicate items.*\(validation_failed, request req_\w+\)$/,
        ),
      },
      {
        path: 'notes/untitled.md',
        reason: 'no title: set `title:` in the front matter or start the body with a `# heading`',
      },
    ]);
    // Items come in file order, whatever order the requests finished in.
    expect(report.items.map((item: { path: string }) => item.path)).toEqual([
      'billing/invoices.md',
      'billing/plans/annual.md',
      'billing/refunds.md',
      'getting-started/billing-faq.md',
      'getting-started/broken.md',
      'getting-started/setup.md',
      'notes/duplicate-tags.md',
      'notes/untitled.md',
      'welcome.md',
    ]);

    const collections = await collectionsByExternalId(t);
    const billing = collections.get('billing');
    expect(billing).toMatchObject({
      name: 'Billing',
      description: 'Payments, invoices and refunds.',
      icon: 'credit-card',
      parentId: null,
    });
    expect(collections.get('billing/plans')).toMatchObject({ name: 'plans', parentId: billing?.id });
    expect(collections.get('getting-started')).toMatchObject({ name: 'getting-started', parentId: null });

    const articles = await articlesByExternalId(t);
    expect(articles.get('billing/refunds.md')).toMatchObject({
      title: 'Getting a refund',
      collectionId: billing?.id,
      tags: ['billing', 'refunds'],
      status: 'published',
      visibility: 'public',
    });
    // No front matter: the title is the first heading outside code blocks, the body is the whole file.
    const invoices = articles.get('billing/invoices.md');
    expect(invoices).toMatchObject({ title: 'Downloading invoices', status: 'draft', tags: [] });
    expect(invoices?.content).toBe(await readFile(join(dir, 'billing/invoices.md'), 'utf8'));
    // externalId from front matter; tags as "a, b"; the nested folder's collection.
    expect(articles.get('kb-annual-plans')).toMatchObject({
      title: 'Annual plans',
      tags: ['plans', 'annual'],
      collectionId: collections.get('billing/plans')?.id,
    });
    expect(articles.has('billing/plans/annual.md')).toBe(false);
    // `collection:` in front matter wins over the folder.
    expect(articles.get('getting-started/billing-faq.md')?.collectionId).toBe(billing?.id);
    expect(articles.get('getting-started/setup.md')).toMatchObject({
      visibility: 'internal',
      tags: ['setup'],
    });
    expect(articles.get('welcome.md')).toMatchObject({ collectionId: null, status: 'published' });
    // The blank line after the front matter is layout, not content.
    expect(articles.get('welcome.md')?.content.startsWith('# Welcome\n')).toBe(true);
  });

  it('a second run sends no write: every file and folder is unchanged, updatedAt does not move, no event is emitted', async () => {
    // Generous limits, only so that the server counts requests.
    const t = await startServer({ rateLimits: { perCredential: 10_000, perWorkspace: 10_000 } });
    const dir = await fixtureCopy();
    await importJson(t, dir);
    const before = await articlesByExternalId(t);
    const collectionsBefore = await collectionsByExternalId(t);
    // Any write from now on would carry a later updatedAt.
    t.server.clock.set(t.server.clock.now() + 60_000);
    const head = await client(t).events.list({ after: 'now' });
    const remaining = async () => (await client(t).me.get()).rateLimits.credential.remaining;
    const left = await remaining();

    const { code, stdout, stderr } = await runCli(['articles', 'import', dir], { env: t.env });
    // Two reads (a page of articles, a page of collections), the retry of the file the server refused
    // (notes/duplicate-tags.md), then the GET /me that measures: nothing for the unchanged files.
    expect(left - (await remaining())).toBe(4);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(GOOD_FILES + FOLDERS);
    for (const line of lines) expect(line).toMatch(/^unchanged {2}\S+$/);
    expect(lines).toContain('unchanged  billing/plans/');
    expect(lines).toContain('unchanged  billing/refunds.md');
    expect(stderr).toContain('✗ getting-started/broken.md: invalid front matter');
    expect(stderr).toContain('✗ notes/untitled.md: no title');
    expect(stderr).toMatch(
      /created 0, updated 0, unchanged 6, failed 3 \(collections: created 0, updated 0, unchanged 4\)\n$/,
    );

    const after = await articlesByExternalId(t);
    for (const [externalId, article] of before)
      expect(after.get(externalId)?.updatedAt).toBe(article.updatedAt);
    const collectionsAfter = await collectionsByExternalId(t);
    for (const [externalId, collection] of collectionsBefore) {
      expect(collectionsAfter.get(externalId)?.updatedAt).toBe(collection.updatedAt);
    }
    const events = await client(t).events.list({ after: head.nextCursor ?? 'now' });
    expect(events.data).toEqual([]);
  });

  it('a modified file shows as updated with what changed; --dry-run shows it first without writing', async () => {
    const t = await startServer();
    const dir = await fixtureCopy();
    await importJson(t, dir);
    const refunds = join(dir, 'billing/refunds.md');
    const text = await readFile(refunds, 'utf8');
    await writeFile(
      refunds,
      text.replace('  - refunds', '  - refunds\n  - payments').replace('30 days', '60 days'),
    );
    const before = (await articlesByExternalId(t)).get('billing/refunds.md');

    const dry = await runCli(['articles', 'import', dir, '--dry-run'], { env: t.env });
    expect(dry.stdout).toContain('would update  billing/refunds.md  (content, tags)\n');
    expect(dry.stdout).toContain('unchanged     welcome.md\n');
    // A dry run sends nothing, so what only the server checks (duplicate tags) shows up as a create.
    expect(dry.stderr).toContain('Dry run, nothing was written: created 1, updated 1, unchanged 5, failed 2');
    expect((await articlesByExternalId(t)).get('billing/refunds.md')).toEqual(before);

    t.server.clock.set(t.server.clock.now() + 60_000);
    const { report } = await importJson(t, dir);
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: GOOD_FILES - 1 });
    expect(report.items.find((item: { path: string }) => item.path === 'billing/refunds.md')).toMatchObject({
      action: 'updated',
      articleId: before?.id,
      changes: ['content', 'tags'],
    });
    const after = (await articlesByExternalId(t)).get('billing/refunds.md');
    expect(after?.tags).toEqual(['billing', 'refunds', 'payments']);
    expect(after?.content).toContain('within 60 days');
    expect(after?.updatedAt).toBeGreaterThan(before?.updatedAt ?? Number.POSITIVE_INFINITY);
  });

  it('--dry-run on an empty workspace reports what would be created and writes nothing', async () => {
    const t = await startServer();
    const dir = await fixtureCopy();
    const { code, report } = await importJson(t, dir, '--dry-run');
    expect(code).toBe(1);
    expect(report).toMatchObject({
      dryRun: true,
      created: GOOD_FILES + 1,
      collections: { created: FOLDERS },
    });
    expect(report.failed.map((failure: { path: string }) => failure.path)).toEqual([
      'getting-started/broken.md',
      'notes/untitled.md',
    ]);
    expect(report.items[0]).toMatchObject({
      path: 'billing/invoices.md',
      action: 'created',
      articleId: null,
    });
    expect((await articlesByExternalId(t)).size).toBe(0);
    expect((await collectionsByExternalId(t)).size).toBe(0);
  });

  it('a clean folder exits 0 with a success summary; status archived archives the article', async () => {
    const t = await startServer();
    const dir = await tempDir();
    await writeFile(join(dir, 'old.md'), '---\ntitle: Old pricing\nstatus: archived\n---\nGone.\n');
    const first = await runCli(['articles', 'import', dir], { env: t.env });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('created    old.md\n');
    expect(first.stderr).toBe(
      '✓ created 1, updated 0, unchanged 0, failed 0 (collections: created 0, updated 0, unchanged 0)\n',
    );
    expect((await articlesByExternalId(t)).get('old.md')).toMatchObject({
      status: 'archived',
      content: 'Gone.\n',
    });
    expect((await runCli(['articles', 'import', dir], { env: t.env })).stdout).toBe('unchanged  old.md\n');
  });

  it('export writes folders, _collection.yaml and front matter; importing the export changes nothing', async () => {
    const t = await startServer(); // the demo workspace: collections and articles without external IDs
    await importJson(t, await fixtureCopy());
    const out = join(await tempDir(), 'export');

    const exported = await runCli(['articles', 'export', out, '--json'], { env: t.env });
    expect(exported.code).toBe(0);
    const result = JSON.parse(exported.stdout);
    expect(result.articles.length).toBe(GOOD_FILES + 8);
    expect(result.collections.length).toBe(FOLDERS + 3);
    // An imported file goes back where it came from; a record without an external ID is named by slug.
    expect(await readFile(join(out, 'billing/refunds.md'), 'utf8')).toBe(
      '---\ntitle: Getting a refund\nexternalId: billing/refunds.md\nstatus: published\nvisibility: public\ntags: [billing, refunds]\nslug: getting-a-refund\n---\n\n' +
        (await articlesByExternalId(t)).get('billing/refunds.md')?.content,
    );
    expect((await readdir(join(out, 'billing/plans'))).sort()).toEqual([
      '_collection.yaml',
      'annual-plans.md',
    ]);
    expect(await readFile(join(out, 'billing-payments/_collection.yaml'), 'utf8')).toMatch(
      /^name: Billing & payments\nid: col_\w+\ndescription: .+\nicon: credit-card\n$/,
    );
    expect(await readFile(join(out, 'billing-payments/how-to-get-a-refund.md'), 'utf8')).toMatch(
      /^---\ntitle: How to get a refund\nid: art_\w+\n/,
    );

    t.server.clock.set(t.server.clock.now() + 60_000);
    const { code, report } = await importJson(t, out);
    expect(code).toBe(0);
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: GOOD_FILES + 8, failed: [] });
    expect(report.collections).toMatchObject({ created: 0, updated: 0, unchanged: FOLDERS + 3 });
  });

  it('export refuses a folder that is not empty unless --force (exit 2)', async () => {
    const t = await startServer();
    const out = await tempDir();
    await writeFile(join(out, 'notes.txt'), 'mine');
    const refused = await runCli(['articles', 'export', out], { env: t.env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `opencom: ${out} is not empty: pass --force to write into it (files with the same names are overwritten)\n`,
    );
    const forced = await runCli(['articles', 'export', out, '--force'], { env: t.env });
    expect(forced.code).toBe(0);
    expect(forced.stderr).toBe(`✓ Exported 8 articles and 3 collections to ${out}\n`);
    expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('shows a progress bar on a terminal, and none when stderr is piped', async () => {
    const t = await startServer();
    const dir = await fixtureCopy();
    const { code, screen } = await runInTerminal(['articles', 'import', dir], [], { env: t.env });
    expect(code).toBe(1);
    expect(screen).toMatch(/Importing █{24} 13\/13/);
    expect(screen).toContain('created 6, updated 0, unchanged 0, failed 3');

    const piped = await runCli(['articles', 'import', dir], { env: t.env });
    expect(piped.stderr).not.toContain('Importing');
    expect(piped.stderr).not.toContain('\r');
    // CI is never animated, terminal or not.
    const ci = await runInTerminal(['articles', 'import', dir], [], { env: { ...t.env, CI: 'true' } });
    expect(ci.screen).not.toContain('Importing');
  });

  it('a missing folder is a usage error (exit 2)', async () => {
    const t = await startServer();
    const { code, stderr } = await runCli(['articles', 'import', '/nonexistent/kb'], { env: t.env });
    expect(code).toBe(2);
    expect(stderr).toBe('opencom: /nonexistent/kb is not a directory\n');
  });
});
