import { afterEach, describe, expect, it } from 'vitest';
import { type HttpServer, startHttpServer } from '../src/index';
import { request, setup } from './support';

const started: HttpServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((http) => http.close()));
});

describe('bodies over the HTTP server', () => {
  it('sends ASCII and non-ASCII JSON byte for byte, with a Content-Length in bytes', async () => {
    const { server, workspaceId, key } = await setup();
    const http = await startHttpServer(server, { port: 0, realTime: false });
    started.push(http);
    for (const subject of ['Refund for order 1042', 'Rückerstattung ✓ für 😀 Bestellung']) {
      await request(server, 'POST /__control/conversations', {
        body: { workspaceId, channel: 'chat', subject, content: 'Hello' },
      });
      const inProcess = await server.handle(
        new Request('http://mock.test/api/v1/conversations', { headers: { authorization: `Bearer ${key}` } }),
      );
      const response = await fetch(`${http.url}/api/v1/conversations`, {
        headers: { authorization: `Bearer ${key}` },
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(Number(response.headers.get('content-length'))).toBe(bytes.byteLength);
      const text = new TextDecoder().decode(bytes);
      expect(JSON.parse(text).data[0].subject).toBe(subject);
      // The very document the engine answers in-process.
      expect(text).toBe(await inProcess.text());
    }
  });
});
