import { describe, expect, it } from 'vitest';
import { controlDocument, deref, type JsonObject, openapiDocument, operations } from './documents';

const publicOperations = operations(openapiDocument);
const label = (entry: { method: string; path: string }) => `${entry.method.toUpperCase()} ${entry.path}`;
const MUTATIONS = new Set(['post', 'put', 'patch', 'delete']);

/** The design brief's contract points, checked on the bundled document so the spec cannot lose them. */
describe('the public API contract', () => {
  it('has at least 45 operations with unique camelCase operationIds', () => {
    const ids = publicOperations.map(({ operation }) => operation.operationId);
    expect(ids.length).toBeGreaterThanOrEqual(45);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z]+$/);
  });

  it.each(publicOperations.map((entry) => [label(entry), entry] as const))(
    '%s names its scope in x-required-scope and in security',
    (_label, { operation }) => {
      const scope = operation['x-required-scope'] as string;
      expect(scope).toMatch(/^[a-z_]+\.(read|write|manage)$|^none$/);
      const security = operation.security as Array<Record<string, string[]>> | undefined;
      // `none`: any valid key may call it (GET /me), so the key is required but no scope is.
      expect(security).toEqual([{ apiKey: scope === 'none' ? [] : [scope] }]);
      expect(operation.summary).toBeTruthy();
      expect(operation.description).toBeTruthy();
      expect((operation.tags as string[]).length).toBeGreaterThan(0);
    },
  );

  it.each(publicOperations.filter((e) => MUTATIONS.has(e.method)).map((e) => [label(e), e] as const))(
    '%s accepts an Idempotency-Key',
    (_label, { operation, pathItem }) => {
      const parameters = [
        ...((pathItem.parameters as unknown[]) ?? []),
        ...((operation.parameters as unknown[]) ?? []),
      ].map((p) => deref(openapiDocument, p));
      expect(parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key')).toBe(true);
      const responses = operation.responses as Record<string, unknown>;
      expect(Object.keys(responses)).toEqual(expect.arrayContaining(['409', '422']));
    },
  );

  it.each(publicOperations.map((entry) => [label(entry), entry] as const))(
    '%s documents request-id and rate-limit headers on every response, and problem+json on errors',
    (_label, { operation }) => {
      const responses = operation.responses as Record<string, unknown>;
      expect(Object.keys(responses)).toEqual(expect.arrayContaining(['400', '401', '403', '429', '500']));
      for (const [status, value] of Object.entries(responses)) {
        const response = deref(openapiDocument, value);
        const headers = Object.keys((response.headers ?? {}) as JsonObject);
        expect(headers, status).toEqual(
          expect.arrayContaining([
            'X-Request-Id',
            'RateLimit-Limit',
            'RateLimit-Remaining',
            'RateLimit-Reset',
          ]),
        );
        if (Number(status) >= 400) {
          const content = response.content as Record<string, { schema: unknown }>;
          expect(Object.keys(content), status).toEqual(['application/problem+json']);
          expect(content['application/problem+json']?.schema).toEqual({
            $ref: '#/components/schemas/Problem',
          });
        }
      }
      if ('429' in responses) {
        const headers = deref(openapiDocument, responses['429']).headers as JsonObject;
        expect(Object.keys(headers)).toContain('Retry-After');
      }
    },
  );

  it('pages every list as { data, nextCursor, hasMore } with limit and cursor', () => {
    const lists = publicOperations.filter(({ method, operation }) => {
      const names = ((operation.parameters as unknown[]) ?? []).map((p) => deref(openapiDocument, p).name);
      return method === 'get' && names.includes('limit');
    });
    expect(lists.length).toBeGreaterThanOrEqual(12);
    for (const { operation } of lists) {
      const names = ((operation.parameters as unknown[]) ?? []).map((p) => deref(openapiDocument, p).name);
      expect(names.some((n) => n === 'cursor' || n === 'after' || n === 'q')).toBe(true);
    }
  });

  it('uses only the query styles the SDK serializes: comma-separated arrays and deepObject objects', () => {
    for (const { path, operation, pathItem } of publicOperations) {
      const parameters = [
        ...((pathItem.parameters as unknown[]) ?? []),
        ...((operation.parameters as unknown[]) ?? []),
      ].map((p) => deref(openapiDocument, p));
      for (const parameter of parameters.filter((p) => p.in === 'query')) {
        const schema = deref(openapiDocument, parameter.schema);
        const where = `${path} ${String(parameter.name)}`;
        if (schema.type === 'array')
          expect([parameter.style, parameter.explode], where).toEqual(['form', false]);
        if (schema.type === 'object')
          expect([parameter.style, parameter.explode], where).toEqual(['deepObject', true]);
      }
    }
  });

  it('names every bundled component after its source key (no clashes renamed by the bundler)', () => {
    const components = openapiDocument.components as Record<string, Record<string, unknown>>;
    const renamed = Object.values(components).flatMap((section) =>
      Object.keys(section).filter((name) => /-\d+$/.test(name)),
    );
    expect(renamed).toEqual([]);
  });

  it('lists every error code of the design brief', () => {
    const codes = deref(openapiDocument, { $ref: '#/components/schemas/ErrorCode' }).enum as string[];
    expect(codes).toEqual(
      expect.arrayContaining([
        'unauthenticated',
        'credential_disabled',
        'credential_expired',
        'insufficient_scope',
        'not_found',
        'validation_failed',
        'invalid_cursor',
        'claim_conflict',
        'claim_required',
        'claim_expired',
        'conversation_not_open',
        'idempotency_key_reused',
        'idempotency_in_progress',
        'rate_limited',
        'conflict',
      ]),
    );
  });

  it('documents every event type of the design brief as a signed webhook', () => {
    const webhooks = operations(openapiDocument, 'webhooks');
    const types = webhooks.map(({ path }) => path);
    expect(types).toEqual(
      expect.arrayContaining([
        'conversation.created',
        'conversation.updated',
        'message.created',
        'visitor.created',
        'visitor.updated',
        'ticket.created',
        'ticket.updated',
        'ticket.comment_added',
        'outbound.created',
        'outbound.updated',
        'outbound.deleted',
        'outbound.activated',
        'outbound.paused',
        'article.created',
        'collection.created',
        'conversation.claimed',
        'conversation.claim_released',
        'conversation.claim_expired',
        'conversation.escalated',
        'conversation.ai_handoff',
        'custom_event.created',
        'webhook.test',
      ]),
    );
    for (const { path, operation } of webhooks) {
      const headers = ((operation.parameters as unknown[]) ?? [])
        .map((p) => deref(openapiDocument, p))
        .filter((p) => p.in === 'header')
        .map((p) => String(p.name).toLowerCase());
      expect(headers, path).toEqual(
        expect.arrayContaining(['webhook-id', 'webhook-timestamp', 'webhook-signature']),
      );
    }
  });
});

describe('the control API contract', () => {
  const controlOperations = operations(controlDocument);

  it('keeps every operation under /__control/ with an operationId', () => {
    expect(controlOperations.length).toBeGreaterThan(10);
    for (const entry of controlOperations) {
      expect(entry.path, label(entry)).toMatch(/^\/__control\//);
      expect(entry.operation.operationId, label(entry)).toMatch(/^[a-z][A-Za-z]+$/);
    }
  });
});
