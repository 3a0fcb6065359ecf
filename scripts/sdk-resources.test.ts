import { describe, expect, it } from 'vitest';
import { nameOperation, ResourceNamingError, resourcesModule } from './sdk-resources';

const name = (operationId: string, tag: string, path = '/x') => {
  const { namespace, method } = nameOperation({ operationId, tag, path });
  return [...namespace, method].join('.');
};

describe('nameOperation (the SDK resource naming rule)', () => {
  it('strips the tag noun, singular or plural, from <verb><Noun>', () => {
    expect(name('listConversations', 'Conversations')).toBe('conversations.list');
    expect(name('getConversation', 'Conversations')).toBe('conversations.get');
    expect(name('sendMessage', 'Messages')).toBe('messages.send');
    expect(name('getMe', 'Me')).toBe('me.get');
    expect(name('activateOutboundMessage', 'Outbound messages')).toBe('outboundMessages.activate');
  });

  it('keeps what follows the noun', () => {
    expect(name('upsertArticleByExternalId', 'Articles', '/articles/by-external-id/{externalId}')).toBe(
      'articles.upsertByExternalId',
    );
    expect(name('rotateWebhookSecret', 'Webhooks', '/webhooks/{webhookId}/rotate-secret')).toBe(
      'webhooks.rotateSecret',
    );
  });

  it('turns a trailing noun that is a path segment after a parameter into a sub-namespace', () => {
    expect(name('listTicketComments', 'Tickets', '/tickets/{ticketId}/comments')).toBe(
      'tickets.comments.list',
    );
    expect(name('createTicketComment', 'Tickets', '/tickets/{ticketId}/comments')).toBe(
      'tickets.comments.create',
    );
  });

  it('maps tags to nested namespaces and marks verbs on many records', () => {
    expect(name('replayWebhookDelivery', 'Webhook deliveries')).toBe('webhooks.deliveries.replay');
    expect(name('replayWebhookDeliveries', 'Webhook deliveries')).toBe('webhooks.deliveries.replayMany');
    expect(name('searchArticles', 'Articles')).toBe('articles.search');
  });

  it('uses the explicit overrides', () => {
    expect(name('claimConversation', 'Claims')).toBe('claims.claim');
  });

  it('fails on an operationId it cannot name', () => {
    expect(() => name('handOverConversation', 'Claims')).toThrow(ResourceNamingError);
    expect(() => name('handOverConversation', 'Claims')).toThrow(/NAME_OVERRIDES/);
  });
});

describe('resourcesModule', () => {
  const op = (operationId: string, path: string, extra: Record<string, unknown> = {}) => ({
    paths: { [path]: { get: { operationId, tags: ['Articles'], summary: 'S', ...extra } } },
  });

  it('fails when two operations get the same name or a reserved one', () => {
    const twice = {
      paths: {
        '/articles': { get: { operationId: 'listArticles', tags: ['Articles'], summary: 'S' } },
        '/articles/all': { get: { operationId: 'listArticle', tags: ['Articles'], summary: 'S' } },
      },
    };
    expect(() => resourcesModule(twice)).toThrow(
      /listArticle and listArticles would both be opencom.articles.list/,
    );
    expect(() => resourcesModule(op('thenArticle', '/articles/{articleId}'))).toThrow(
      /taken by hand-written code/,
    );
    expect(() => resourcesModule(op('shuffle', '/articles'))).toThrow(/cannot name operation shuffle/);
  });

  it('writes a typed openapi-fetch call with JSDoc from the summary', () => {
    const source = resourcesModule(
      op('getArticle', '/articles/{articleId}', {
        summary: 'Get an article',
        'x-required-scope': 'articles.read',
      }),
    );
    expect(source).toContain(
      "api.client.GET('/articles/{articleId}', { ...init, params: { path: { articleId } } })",
    );
    expect(source).toContain('   * Get an article.');
    expect(source).toContain('`GET /articles/{articleId}` (operation `getArticle`, scope `articles.read`).');
  });
});
