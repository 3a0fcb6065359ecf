/**
 * Raw HTTP/1.1 fuzzing of the node:http adapter: random request targets (absolute, asterisk,
 * percent-garbage, raw non-ASCII, dot segments), methods, headers, and bodies whose length lies.
 * Every request that node's parser accepts gets an HTTP answer below 500 (never a silent drop or a
 * stack trace), and the server keeps serving afterwards.
 */
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { startHttpServer } from '../packages/mock-server/src/index';
import { recordCounts, setup } from './support';

const counts = { rawRequests: 0, answered: 0, refusedByNodeParser: 0 };
afterAll(() => recordCounts('http-fuzz', counts));

/** Sends raw bytes and resolves with the status of the answer, or null if the connection closed without one. */
function rawExchange(port: number, bytes: Buffer): Promise<{ status: number | null; text: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const done = () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({ status: status ? Number(status) : null, text });
    };
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', done);
    socket.setTimeout(2_000, () => socket.destroy());
    socket.end(bytes);
  });
}

const target = fc.oneof(
  fc.constantFrom(
    '*',
    'http://[',
    'http://example.com/api/v1/me',
    '//evil.example/api/v1/me',
    '/api/v1/../v1/me',
    '/api/v1/./me',
    '/api/v1/conversations/%',
    '/api/v1/conversations/%E0%A4%A',
    '/api/v1/conversations/%2e%2e',
    '/api/v1/me?%zz=1',
    '/api/v1/me#fragment',
    '/api/v1/visitors?limit=1&limit=2',
    '/api/v1/articles/search?q=%F0%9F%92%A5',
    '/__control/faults',
    'api/v1/me',
    '/\\api\\v1\\me',
  ),
  fc
    .string({ unit: 'binary-ascii', minLength: 1, maxLength: 40 })
    .map((s) => `/api/v1/${s.replace(/[\s]/g, '')}`),
  fc.string({ minLength: 1, maxLength: 30 }).map((s) => s.replace(/[\s]/g, '')),
  fc.constantFrom('/api/v1/conversations/', '/api/v1/visitors?q=').map((s) => `${s}${'é'.repeat(40)}`),
);

const method = fc.constantFrom(
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'TRACE',
  'PROPFIND',
);

describe('node:http adapter under raw HTTP fuzzing', () => {
  it('answers every request node parses with a status below 500 and stays up', async () => {
    const { server, key } = await setup();
    const http = await startHttpServer(server, { port: 0, realTime: false, dashboard: false });
    try {
      await fc.assert(
        fc.asyncProperty(
          method,
          target,
          fc.option(fc.string({ unit: 'binary', maxLength: 200 }), { nil: undefined }),
          fc.constantFrom('exact', 'short', 'long', 'chunked', 'none'),
          fc.constantFrom('application/json', 'text/plain', 'application/merge-patch+json', ''),
          fc.boolean(),
          async (verb, path, body, framing, contentType, authorized) => {
            const payload = Buffer.from(body ?? '', 'utf8');
            const lines = [`${verb} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
            if (authorized) lines.push(`Authorization: Bearer ${key}`);
            if (contentType) lines.push(`Content-Type: ${contentType}`);
            let tail = payload;
            if (framing === 'exact') lines.push(`Content-Length: ${payload.length}`);
            if (framing === 'short') lines.push(`Content-Length: ${Math.max(0, payload.length - 3)}`);
            if (framing === 'long') lines.push(`Content-Length: ${payload.length + 3}`);
            if (framing === 'chunked') {
              lines.push('Transfer-Encoding: chunked');
              tail = Buffer.concat([
                Buffer.from(`${payload.length.toString(16)}\r\n`),
                payload,
                Buffer.from('\r\n0\r\n\r\n'),
              ]);
            }
            const request = Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), tail]);
            counts.rawRequests++;
            const { status, text } = await rawExchange(http.port, request);
            // A body that claims more bytes than it sends makes the server wait for them; with the
            // socket half-closed node gives up, which is the client's doing.
            if (status === null) {
              expect(
                framing === 'long' || framing === 'none',
                `no answer to ${verb} ${path} (${framing})`,
              ).toBe(true);
              counts.refusedByNodeParser++;
              return;
            }
            counts.answered++;
            expect(status, `${verb} ${path} → ${text.slice(0, 400)}`).toBeLessThan(500);
          },
        ),
        { seed: 1_234, numRuns: 300 },
      );
      expect(server.contractViolations.splice(0)).toEqual([]);
      const me = await fetch(`${http.url}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } });
      expect(me.status).toBe(200);
    } finally {
      await http.close();
    }
  });
});
