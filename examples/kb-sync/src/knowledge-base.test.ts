import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KnowledgeBaseError, readKnowledgeBase } from './knowledge-base';

const KB = fileURLToPath(new URL('../kb', import.meta.url));

function folder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'kb-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('readKnowledgeBase', () => {
  it('reads the example folder: folders are collections, files are articles keyed by their path', async () => {
    const kb = await readKnowledgeBase(KB);
    expect(kb.collections).toEqual([
      {
        externalId: 'account',
        name: 'Account & sign-in',
        description: 'Single sign-on, passwords and closing an account.',
        parentExternalId: null,
      },
      {
        externalId: 'billing',
        name: 'Billing',
        description: 'Plans, invoices and refunds.',
        parentExternalId: null,
      },
    ]);
    expect(kb.articles.map((a) => [a.externalId, a.collectionExternalId, a.status])).toEqual([
      ['account/close-account.md', 'account', 'draft'],
      ['account/single-sign-on.md', 'account', 'published'],
      ['billing/change-plan.md', 'billing', 'published'],
      ['billing/refund-policy.md', 'billing', 'published'],
    ]);
    const refund = kb.articles.find((a) => a.externalId === 'billing/refund-policy.md');
    expect(refund).toMatchObject({ title: 'Refund policy', tags: ['billing', 'refunds'] });
    expect(refund?.content.startsWith('# Refund policy\n\nAnnual plans')).toBe(true);
  });

  it('reads CRLF files as the same content', async () => {
    const text = '---\ntitle: Hi\nstatus: published\n---\n\nLine one\nLine two\n';
    const lf = await readKnowledgeBase(folder({ 'a.md': text }));
    const crlf = await readKnowledgeBase(folder({ 'a.md': text.replaceAll('\n', '\r\n') }));
    expect(crlf.articles).toEqual(lf.articles);
  });

  it('names folders without _collection.yaml after themselves and nests them', async () => {
    const kb = await readKnowledgeBase(
      folder({
        'guides/setup/first.md': '---\ntitle: First\n---\nBody',
        'guides/intro.md': '---\ntitle: Intro\n---\n',
      }),
    );
    expect(kb.collections).toEqual([
      { externalId: 'guides', name: 'guides', description: null, parentExternalId: null },
      { externalId: 'guides/setup', name: 'setup', description: null, parentExternalId: 'guides' },
    ]);
    expect(kb.articles.map((a) => [a.externalId, a.collectionExternalId, a.status])).toEqual([
      ['guides/intro.md', 'guides', 'draft'],
      ['guides/setup/first.md', 'guides/setup', 'draft'],
    ]);
  });

  it.each([
    ['a file without front matter', 'Just text', 'a.md: no front matter'],
    ['a missing title', '---\nstatus: draft\n---\n', 'a.md: the front matter needs a title'],
    [
      'an unknown status',
      '---\ntitle: A\nstatus: live\n---\n',
      'a.md: status must be draft or published, got "live"',
    ],
    ['tags that are not a list', '---\ntitle: A\ntags: 3\n---\n', 'a.md: tags must be a list'],
    ['broken YAML', '---\ntitle: [oops\n---\n', 'a.md: invalid YAML'],
  ])('rejects %s, naming the file', async (_case, text, message) => {
    const error = await readKnowledgeBase(folder({ 'a.md': text })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeBaseError);
    expect((error as Error).message).toContain(message);
  });
});
