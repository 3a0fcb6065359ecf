import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Opencom } from '@opencom/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, runInTerminal, runJson, startServer, type TestServer } from './support';

const temporary: string[] = [];
afterEach(async () => {
  for (const dir of temporary.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function markdownFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'opencom-article-'));
  temporary.push(dir);
  const path = join(dir, 'body.md');
  await writeFile(path, text);
  return path;
}

interface Article {
  id: string;
  title: string;
  status: string;
  collectionId: string | null;
  content: string;
  updatedAt: number;
}

/** The demo workspace's articles, newest first (read with the SDK: quicker than another CLI run). */
async function demoArticles(t: TestServer): Promise<Article[]> {
  const articles: Article[] = [];
  for await (const article of new Opencom({ apiKey: t.apiKey, baseUrl: t.url }).articles.list({
    limit: 100,
  })) {
    articles.push(article);
  }
  return articles;
}

const byTitle = (articles: Article[], title: string): Article => {
  const article = articles.find((a) => a.title === title);
  if (!article) throw new Error(`no demo article "${title}"`);
  return article;
};

describe('opencom articles list', () => {
  it('prints a table, newest first, and a hint for the next page', async () => {
    const t = await startServer();
    const { code, stdout, stderr } = await runCli(['articles', 'list', '--limit', '3'], { env: t.env });
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+TITLE\s+STATUS\s+COLLECTION\s+EXTERNAL ID\s+UPDATED$/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(
      /^art_\w+\s+Handling damaged deliveries\s+draft\s+col_\w+\s+-\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/,
    );
    expect(stderr).toMatch(/^More results: add --cursor \S+, or --all\.\n$/);
  });

  it('--json prints the page; --status, --collection and --updated-since filter as listArticles does', async () => {
    const t = await startServer();
    const all = (await runJson(['articles', 'list', '--all'], { env: t.env })).data;
    expect(all).toHaveLength(8);
    expect(all).toEqual(await demoArticles(t));

    const drafts = await runJson(['articles', 'list', '--status', 'draft'], { env: t.env });
    expect(drafts).toMatchObject({ hasMore: false, nextCursor: null });
    expect(drafts.data.map((a: Article) => a.title).sort()).toEqual([
      'Add or remove team seats',
      'Handling damaged deliveries',
    ]);

    const refund = byTitle(all, 'How to get a refund');
    const inBilling = await runJson(['articles', 'list', '--collection', refund.collectionId ?? ''], {
      env: t.env,
    });
    expect(inBilling.data).toHaveLength(3);

    // With updatedSince the order is (updatedAt, id) ascending: oldest change first.
    const since = byTitle(all, 'Track your order').updatedAt;
    const changed = await runJson(['articles', 'list', '--updated-since', String(since)], { env: t.env });
    expect(changed.data.map((a: Article) => a.title)).toEqual([
      'Track your order',
      'Handling damaged deliveries',
    ]);
  });

  it('rejects a status the spec does not have (exit 2)', async () => {
    const t = await startServer();
    const { code, stderr } = await runCli(['articles', 'list', '--status', 'live'], { env: t.env });
    expect(code).toBe(2);
    expect(stderr).toContain("argument 'live' is invalid. Allowed choices are draft, published, archived.");
  });
});

describe('opencom articles get', () => {
  it('shows the metadata, then the body; --body-only prints the Markdown exactly; --json the article', async () => {
    const t = await startServer();
    const refund = byTitle(await demoArticles(t), 'How to get a refund');

    const human = await runCli(['articles', 'get', refund.id], { env: t.env });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(
      new RegExp(`^id\\s+${refund.id}\\ntitle\\s+How to get a refund\\nstatus\\s+published\\n`),
    );
    expect(human.stdout).toMatch(/^tags\s+billing, refunds$/m);
    expect(human.stdout).toMatch(/^external id\s+-$/m);
    expect(human.stdout.endsWith(`\n\n${refund.content}`)).toBe(true);

    const body = await runCli(['articles', 'get', refund.id, '--body-only'], { env: t.env });
    expect(body.stdout).toBe(refund.content);

    expect(await runJson(['articles', 'get', refund.id], { env: t.env })).toEqual(refund);
  });

  it('an unknown article exits 3 with the problem code and request ID', async () => {
    const t = await startServer();
    const { code, stdout, stderr } = await runCli(['articles', 'get', 'art_missing'], { env: t.env });
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^opencom: .*art_missing.* \(not_found, request req_\w+\)\n$/);
  });
});

describe('opencom articles create', () => {
  it('creates from a file with collection, tags, status and external ID', async () => {
    const t = await startServer();
    const refund = byTitle(await demoArticles(t), 'How to get a refund');
    const file = await markdownFile('# Refund timelines\n\nCards take 5–10 business days.\n');
    const args = ['articles', 'create', '--body-file', file, '--title', 'How long refunds take'];
    const flags = [
      '--collection',
      refund.collectionId ?? '',
      '--tags',
      'billing, refunds',
      '--status',
      'published',
    ];

    const human = await runCli([...args, ...flags, '--external-id', 'billing/timelines.md'], { env: t.env });
    expect(human.code).toBe(0);
    expect(human.stdout).toBe('');
    expect(human.stderr).toMatch(/^✓ Created art_\w+ "How long refunds take" \(published\)\n$/);

    const created = await runJson(['articles', 'list', '--status', 'published', '--limit', '1'], {
      env: t.env,
    });
    expect(created.data[0]).toMatchObject({
      title: 'How long refunds take',
      content: '# Refund timelines\n\nCards take 5–10 business days.\n',
      collectionId: refund.collectionId,
      tags: ['billing', 'refunds'],
      externalId: 'billing/timelines.md',
      status: 'published',
    });
  });

  it('reads the body from stdin with - and takes the title from its first heading; --json prints the article', async () => {
    const t = await startServer();
    const article = await runJson(['articles', 'create', '--body-file', '-'], {
      env: t.env,
      stdin: 'Intro line.\n\n# Shipping to Canada\n\nWe ship in 3 days.\n',
    });
    expect(article).toMatchObject({
      title: 'Shipping to Canada',
      status: 'draft',
      collectionId: null,
      tags: [],
    });
  });

  it('an unknown collection is the API validation error (exit 2); a missing body is a usage error', async () => {
    const t = await startServer();
    const file = await markdownFile('Body');
    const invalid = await runCli(
      ['articles', 'create', '--title', 'T', '--body-file', file, '--collection', 'col_nope'],
      {
        env: t.env,
      },
    );
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/\/body\/collectionId .* \(validation_failed, request req_\w+\)\n$/);

    const noBody = await runCli(['articles', 'create', '--title', 'T'], { env: t.env });
    expect(noBody.code).toBe(2);
    expect(noBody.stderr).toBe('opencom: pass the Markdown body with --body-file <file> (or - for stdin)\n');
  });
});

describe('opencom articles update', () => {
  it('changes only the given fields; --no-collection takes it out; --status moves it through the state rules', async () => {
    const t = await startServer();
    const seats = byTitle(await demoArticles(t), 'Add or remove team seats');
    const human = await runCli(
      ['articles', 'update', seats.id, '--title', 'Team seats', '--tags', 'billing'],
      { env: t.env },
    );
    expect(human.code).toBe(0);
    expect(human.stderr).toBe(`✓ Updated ${seats.id} "Team seats"\n`);

    const updated = await runJson(
      ['articles', 'update', seats.id, '--no-collection', '--status', 'published'],
      { env: t.env },
    );
    expect(updated).toMatchObject({
      title: 'Team seats',
      tags: ['billing'],
      collectionId: null,
      status: 'published',
    });
    expect(updated.content).toBe(seats.content);
  });

  it('nothing to change is a usage error (exit 2)', async () => {
    const t = await startServer();
    const { code, stderr } = await runCli(['articles', 'update', 'art_1'], { env: t.env });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^opencom: nothing to update: pass --title/);
  });
});

describe('opencom articles publish | unpublish | archive', () => {
  it('moves a draft to published, back to draft, then archived', async () => {
    const t = await startServer();
    const seats = byTitle(await demoArticles(t), 'Add or remove team seats');
    const publish = await runCli(['articles', 'publish', seats.id], { env: t.env });
    expect(publish.stderr).toBe(`✓ Published ${seats.id} "Add or remove team seats"\n`);
    expect((await runJson(['articles', 'unpublish', seats.id], { env: t.env })).status).toBe('draft');
    const archived = await runJson(['articles', 'archive', seats.id], { env: t.env });
    // Unpublishing cleared publishedAt and archiving keeps it (spec: Article.publishedAt).
    expect(archived).toMatchObject({ status: 'archived', publishedAt: null });
  });

  it('an archived article cannot go back to draft: exit 4 with invalid_transition', async () => {
    const t = await startServer();
    const seats = byTitle(await demoArticles(t), 'Add or remove team seats');
    await runCli(['articles', 'archive', seats.id], { env: t.env });
    for (const args of [
      ['articles', 'unpublish', seats.id],
      ['articles', 'update', seats.id, '--status', 'draft'],
    ]) {
      const { code, stderr } = await runCli(args, { env: t.env });
      expect(code).toBe(4);
      expect(stderr).toMatch(/^opencom: .*archived.* \(invalid_transition, request req_\w+\)\n$/);
    }
    expect((await runJson(['articles', 'publish', seats.id], { env: t.env })).status).toBe('published');
  });
});

describe('opencom articles delete', () => {
  it('needs --yes without a terminal (exit 2), then deletes; --json prints the confirmation', async () => {
    const t = await startServer();
    const seats = byTitle(await demoArticles(t), 'Add or remove team seats');
    const refused = await runCli(['articles', 'delete', seats.id], { env: t.env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `opencom: Delete article ${seats.id}: pass --yes to confirm (no terminal to ask on)\n`,
    );

    expect(await runJson(['articles', 'delete', seats.id, '--yes'], { env: t.env })).toEqual({
      id: seats.id,
      deleted: true,
    });
    expect((await runCli(['articles', 'get', seats.id], { env: t.env })).code).toBe(3);
  });

  it('asks on a terminal', async () => {
    const t = await startServer();
    const seats = byTitle(await demoArticles(t), 'Add or remove team seats');
    const { code, screen } = await runInTerminal(
      ['articles', 'delete', seats.id],
      [{ prompt: /Delete article/, input: 'y\r' }],
      {
        env: t.env,
      },
    );
    expect(code).toBe(0);
    expect(screen).toContain(`Deleted article ${seats.id}`);
  });
});

describe('opencom articles search', () => {
  it('ranks published articles: rank, score, title and snippet; --json prints the results', async () => {
    const t = await startServer();
    const human = await runCli(['articles', 'search', 'how', 'do', 'I', 'get', 'a', 'refund'], {
      env: t.env,
    });
    expect(human.code).toBe(0);
    const lines = human.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^RANK\s+SCORE\s+ID\s+TITLE\s+SNIPPET$/);
    // Without colour the <mark> tags are dropped, not shown.
    expect(lines[1]).toMatch(/^1\s+\d+\.\d\d\s+art_\w+\s+How to get a refund\s+How to get a refund$/);

    const results = await runJson(['articles', 'search', 'refund', '--limit', '1'], { env: t.env });
    expect(results.query).toBe('refund');
    expect(results.data).toHaveLength(1);
    expect(results.data[0]).toMatchObject({
      article: { title: 'How to get a refund' },
      score: expect.any(Number),
    });
  });

  it('says so when nothing matches (exit 0); drafts are never found', async () => {
    const t = await startServer();
    const none = await runCli(['articles', 'search', 'zeppelin'], { env: t.env });
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe('No published article matches "zeppelin".\n');
    const damaged = await runJson(['articles', 'search', 'damaged', 'deliveries'], { env: t.env });
    expect(damaged.data.map((r: { article: Article }) => r.article.title)).not.toContain(
      'Handling damaged deliveries',
    );
  });
});
