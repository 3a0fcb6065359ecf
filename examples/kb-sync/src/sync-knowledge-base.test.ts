import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMockServer, seedEmptyWorkspace } from '@opencom/mock-server';
import { Opencom } from '@opencom/sdk';
import { describe, expect, it } from 'vitest';
import { readKnowledgeBase } from './knowledge-base';
import { syncKnowledgeBase } from './sync-knowledge-base';

const KB = fileURLToPath(new URL('../kb', import.meta.url));

function setup() {
  const server = createMockServer({ rateLimits: false, validateResponses: true });
  const { credential } = seedEmptyWorkspace(server);
  const opencom = new Opencom({
    apiKey: credential.secret,
    baseUrl: 'http://reference.invalid',
    fetch: (input, init) => server.handle(new Request(input, init)),
  });
  return { server, opencom };
}

const actions = (changes: { action: string }[]) => changes.map((c) => c.action);

describe('syncKnowledgeBase', () => {
  it('creates the collections and articles of the folder, in their collections, published or draft', async () => {
    const { server, opencom } = setup();
    const changes = await syncKnowledgeBase(opencom, await readKnowledgeBase(KB));

    expect(changes).toHaveLength(6);
    expect(new Set(actions(changes))).toEqual(new Set(['created']));
    const billing = (await opencom.collections.list()).data.find((c) => c.externalId === 'billing');
    const refund = (await opencom.articles.list({ status: 'published' })).data.find(
      (a) => a.externalId === 'billing/refund-policy.md',
    );
    expect(refund).toMatchObject({
      title: 'Refund policy',
      collectionId: billing?.id,
      tags: ['billing', 'refunds'],
    });
    const hits = await opencom.articles.search({ q: 'close account' });
    expect(hits.data.map((h) => h.article.title)).not.toContain('Close your account'); // a draft
    expect(server.contractViolations).toEqual([]);
  });

  it('is idempotent: a second run changes nothing, writes nothing and emits no event', async () => {
    const { opencom } = setup();
    const kb = await readKnowledgeBase(KB);
    await syncKnowledgeBase(opencom, kb);
    const head = (await opencom.events.list({ after: 'now' })).nextCursor;
    expect(head).toEqual(expect.any(String));
    const articlesBefore = (await opencom.articles.list({ limit: 100 })).data;

    const again = await syncKnowledgeBase(opencom, kb);

    expect(new Set(actions(again))).toEqual(new Set(['unchanged']));
    expect((await opencom.events.list({ after: head ?? '' })).data).toEqual([]);
    expect((await opencom.articles.list({ limit: 100 })).data).toEqual(articlesBefore);
  });

  it('updates exactly the article whose file changed', async () => {
    const { opencom } = setup();
    const copy = mkdtempSync(join(tmpdir(), 'kb-'));
    cpSync(KB, copy, { recursive: true });
    await syncKnowledgeBase(opencom, await readKnowledgeBase(copy));
    const file = join(copy, 'billing/change-plan.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('prorated', 'prorated to the day'));

    const changes = await syncKnowledgeBase(opencom, await readKnowledgeBase(copy));

    expect(changes.filter((c) => c.action !== 'unchanged')).toEqual([
      { kind: 'article', externalId: 'billing/change-plan.md', action: 'updated' },
    ]);
    const hits = await opencom.articles.search({ q: 'prorated to the day' });
    expect(hits.data[0]?.article.externalId).toBe('billing/change-plan.md');
  });
});
