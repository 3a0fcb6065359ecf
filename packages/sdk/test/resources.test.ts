import { describe, expect, it } from 'vitest';
import { createResources } from '../src/generated/resources';
import { setup } from './support';

/** Every callable in a namespace tree, as dotted names. */
function methods(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'function' ? [`${prefix}${key}`] : methods(value as object, `${prefix}${key}.`),
  );
}

describe('resource namespaces', () => {
  it('has one method per operation of the spec, named by the rule in scripts/sdk-resources.ts', async () => {
    const t = await setup();
    const opencom = t.opencom();
    const generated = methods(createResources({} as never));
    expect(generated).toHaveLength(59);
    expect(generated).toEqual(
      expect.arrayContaining([
        'me.get',
        'conversations.list',
        'conversations.get',
        'conversations.update',
        'messages.send',
        'claims.claim',
        'claims.renew',
        'claims.release',
        'claims.escalate',
        'tickets.comments.list',
        'tickets.comments.create',
        'articles.upsertByExternalId',
        'articles.search',
        'articles.publish',
        'webhooks.rotateSecret',
        'webhooks.deliveries.replay',
        'webhooks.deliveries.replayMany',
        'outboundMessages.activate',
        'customEvents.create',
        'events.list',
      ]),
    );
    // The client exposes them all, plus the hand-written additions.
    const exposed = methods(Object.fromEntries(Object.entries(opencom).filter(([key]) => key !== 'raw')));
    expect(exposed).toEqual(
      expect.arrayContaining([...generated, 'claims.acquire', 'events.stream', 'webhooks.verify']),
    );
  });

  it('opencom.me.get() returns the calling credential', async () => {
    const t = await setup();
    const me = await t.opencom().me.get();
    expect(me.actorName).toBe('sdk-bot');
    expect(me.scopes).toContain('claims.manage');
  });

  it('conversations.list(query), .get(id) and .update(id, body)', async () => {
    const t = await setup();
    const opencom = t.opencom();
    const { conversation } = await t.control<{ conversation: { id: string } }>('POST /conversations', {
      workspaceId: t.workspaceId,
      channel: 'chat',
      content: 'I was charged twice for order 1042.',
    });
    const page = await opencom.conversations.list({ status: 'open' });
    expect(page.data.map((c) => c.id)).toEqual([conversation.id]);
    const fetched = await opencom.conversations.get(conversation.id);
    expect(fetched.lastInboundMessagePreview).toBe('I was charged twice for order 1042.');
    const updated = await opencom.conversations.update(conversation.id, { subject: 'Double charge' });
    expect(updated.subject).toBe('Double charge');
    expect(t.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      path: `/api/v1/conversations/${conversation.id}`,
    });
  });

  it('articles.upsertByExternalId(externalId, body), .publish(id) and .search(query)', async () => {
    const t = await setup();
    const opencom = t.opencom();
    const article = await opencom.articles.upsertByExternalId('kb-refunds', {
      title: 'Refunds',
      content: 'We refund a duplicate charge within five days.',
    });
    const again = await opencom.articles.upsertByExternalId('kb-refunds', {
      title: 'Refunds',
      content: 'We refund a duplicate charge within five business days.',
    });
    expect(again.id).toBe(article.id);
    const published = await opencom.articles.publish(article.id);
    expect(published.status).toBe('published');
    const results = await opencom.articles.search({ q: 'duplicate charge refund' });
    expect(results.data[0]?.article.id).toBe(article.id);
  });

  it('tickets.create(body) and tickets.comments.create/list(ticketId)', async () => {
    const t = await setup();
    const opencom = t.opencom();
    const ticket = await opencom.tickets.create({ subject: 'Refund order 1042' });
    await opencom.tickets.comments.create(ticket.id, { content: 'Refund issued.' });
    const comments = await opencom.tickets.comments.list(ticket.id);
    expect(comments.data.map((c) => c.content)).toEqual(['Refund issued.']);
  });

  it('webhooks.create, .rotateSecret(id) and webhooks.deliveries.list/replayMany', async () => {
    const t = await setup();
    const opencom = t.opencom();
    const webhook = await opencom.webhooks.create({
      url: 'https://example.org/hooks/opencom',
      eventTypes: ['ticket.created'],
    });
    expect(webhook.secret).toMatch(/^whsec_/);
    const rotated = await opencom.webhooks.rotateSecret(webhook.id);
    expect(rotated.secret).not.toBe(webhook.secret);
    const deliveries = await opencom.webhooks.deliveries.list({ webhookId: webhook.id });
    expect(deliveries.data).toEqual([]);
    const replay = await opencom.webhooks.deliveries.replayMany({ status: 'failed', since: 0 });
    expect(replay.replayed).toBe(0);
  });
});
