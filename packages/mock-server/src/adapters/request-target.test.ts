import { describe, expect, it } from 'vitest';
import { createMockServer } from '../server';
import { parseTarget } from './request-target';

const ORIGIN = 'http://127.0.0.1:4010';

const TARGETS = [
  '/',
  '/api/v1/conversations',
  '/api/v1/conversations?limit=20',
  '/api/v1/conversations?limit=20&cursor=eyJsIjoi.abc_-',
  '/api/v1/conversations?',
  '/api/v1/visitors?customAttributes[plan]=pro&customAttributes[seats]=5',
  '/api/v1/events?types=message.created,conversation.updated&after=x%2Fy',
  '/api/v1/articles/search?q=refund+policy&q2=%E2%9C%93',
  "/api/v1/a'b?x='y'",
  '/api/v1/a b?x=y z',
  '/api/v1/%7Efoo/../bar',
  '/api/v1/x/./y',
  '/api/v1/x/%2e%2E/y',
  '/api/v1/x\\y',
  '/api/v1/ümlaut?q=ü',
  '/api/v1/x?q="quoted"&t=<tag>',
  '/api/v1/x?a=1#fragment',
  '//evil.example/path?x=1',
  '/api/v1/x?a=%zz&b=%41',
  '/api/v1/{id}?b=`^|{}',
  '/api/v1/articles/by-external-id/billing%2Frefunds.md',
  'http://other.example/api/v1/me?x=1',
];

describe('parseTarget(target, origin)', () => {
  it.each(TARGETS)('%s gives what new URL gives', (target) => {
    const expected = target.startsWith('/') ? new URL(ORIGIN + target) : new URL(target, ORIGIN);
    const actual = parseTarget(target, ORIGIN);
    expect(actual.pathname).toBe(expected.pathname);
    expect(actual.search).toBe(expected.search);
    expect([...actual.searchParams]).toEqual([...expected.searchParams]);
  });

  it('skips the URL parser for a plain target', () => {
    expect(parseTarget('/api/v1/conversations?limit=20', ORIGIN)).not.toBeInstanceOf(URL);
    expect(parseTarget('/api/v1/x/../y', ORIGIN)).toBeInstanceOf(URL);
  });

  // Found by reliability/http-fuzz.test.ts: node accepts `GET http://[ HTTP/1.1`, URL throws, and the
  // HTTP server dropped the connection without an answer.
  it('hands on a target URL cannot parse, and the engine answers it 400 malformed_request', async () => {
    const url = parseTarget('http://[', ORIGIN);
    expect(url.pathname).toBe('http://[');
    const response = await createMockServer({ rateLimits: false, validateResponses: true }).dispatch({
      method: 'GET',
      url,
      headers: new Headers(),
      bytes: async () => null,
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({ code: 'malformed_request', status: 400 });
    expect(response.headers['X-Request-Id']).toBeTruthy();
  });
});
