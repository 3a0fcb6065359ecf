import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebhookMiddleware, type NodeWebhookResponse } from '../../src/adapters/node.js';
import { createDeduper } from '../../src/dedupe.js';
import { body, event, secret, signedHeaders } from './fixtures.js';

/** An IncomingMessage stand-in: a readable stream of the body, with headers. */
const request = (payload: string | Buffer, headers: Record<string, string>, extra: object = {}) =>
  Object.assign(Readable.from([Buffer.from(payload)]), { method: 'POST', headers, ...extra });

/** A request whose stream a body parser already read to the end, leaving `extra` (e.g. `body`) behind. */
const consumedRequest = async (extra: object) => {
  const req = request(body, signedHeaders());
  await req.toArray();
  return Object.assign(req, extra);
};

const response = () => {
  const res = {
    statusCode: 200,
    headersSent: false,
    writableEnded: false,
    headers: {} as Record<string, string>,
    body: '',
    setHeader(name: string, value: string) {
      res.headers[name] = value;
    },
    end(chunk?: string) {
      res.body = chunk ?? '';
      res.headersSent = true;
      res.writableEnded = true;
    },
  };
  return res satisfies NodeWebhookResponse;
};

describe('createWebhookMiddleware({ secret, onEvent })', () => {
  it('reads the raw body itself, runs onEvent and answers 204', async () => {
    const onEvent = vi.fn();
    const res = response();
    await createWebhookMiddleware({ secret, onEvent })(request(body, signedHeaders()), res);
    expect(res.statusCode).toBe(204);
    expect(onEvent).toHaveBeenCalledWith(
      event,
      expect.objectContaining({ webhookId: 'evt_1', scheme: 'standard' }),
    );
  });

  it('reads a body delivered in several chunks', async () => {
    const onEvent = vi.fn();
    const res = response();
    const chunks = [body.slice(0, 10), body.slice(10, 50), body.slice(50)].map((part) => Buffer.from(part));
    const req = Object.assign(Readable.from(chunks), { method: 'POST', headers: signedHeaders() });
    await createWebhookMiddleware({ secret, onEvent })(req, res);
    expect(res.statusCode).toBe(204);
    expect(onEvent).toHaveBeenCalledOnce();
  });

  it('uses a raw body kept by express.raw() or a framework rawBody', async () => {
    for (const extra of [
      { body: Buffer.from(body) },
      { rawBody: Buffer.from(body), body: event },
      { body },
    ]) {
      const res = response();
      const req = await consumedRequest(extra);
      await createWebhookMiddleware({ secret, onEvent: vi.fn() })(req, res);
      expect(res.statusCode).toBe(204);
    }
  });

  it('answers 400 with the reason and never runs onEvent when verification fails', async () => {
    const onEvent = vi.fn();
    const res = response();
    await createWebhookMiddleware({ secret, onEvent })(request(`${body} `, signedHeaders()), res);
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({
      error: 'webhook_verification_failed',
      reason: 'bad_signature',
    });
    expect(onEvent).not.toHaveBeenCalled();
  });

  describe('when express.json() already consumed the body', () => {
    const consumed = () => consumedRequest({ body: event, _body: true });

    it('passes a TypeError explaining the fix to next()', async () => {
      const next = vi.fn();
      const onEvent = vi.fn();
      await createWebhookMiddleware({ secret, onEvent })(await consumed(), response(), next);
      expect(next).toHaveBeenCalledWith(expect.any(TypeError));
      expect(String(next.mock.calls[0]?.[0])).toMatch(
        /already read and parsed by a body parser.*before express\.json\(\)/,
      );
      expect(onEvent).not.toHaveBeenCalled();
    });

    it('answers 500 with the explanation without next (plain node:http)', async () => {
      const res = response();
      await createWebhookMiddleware({ secret, onEvent: vi.fn() })(await consumed(), res);
      expect(res.statusCode).toBe(500);
      expect(JSON.parse(res.body)).toMatchObject({ error: 'receiver_misconfigured' });
      expect(res.body).toContain('express.raw');
    });
  });

  it('reads the stream when a JSON parser skipped it (other content type, req.body = {})', async () => {
    const res = response();
    await createWebhookMiddleware({ secret, onEvent: vi.fn() })(
      request(body, signedHeaders(), { body: {} }),
      res,
    );
    expect(res.statusCode).toBe(204);
  });

  it('answers 400 when the body stream fails (client gone)', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('aborted'));
      },
    });
    const res = response();
    await createWebhookMiddleware({ secret, onEvent: vi.fn() })(
      Object.assign(failing, { method: 'POST', headers: signedHeaders() }),
      res,
    );
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'unreadable_body' });
  });

  it('answers 413 beyond maxBodyBytes and 405 to other methods', async () => {
    const large = response();
    await createWebhookMiddleware({ secret, onEvent: vi.fn(), maxBodyBytes: 16 })(
      request(body, signedHeaders()),
      large,
    );
    expect(large.statusCode).toBe(413);
    const get = response();
    await createWebhookMiddleware({ secret, onEvent: vi.fn() })(request('', {}, { method: 'GET' }), get);
    expect(get.statusCode).toBe(405);
  });

  it('leaves the answer to onEvent when it writes one', async () => {
    const res = response();
    const middleware = createWebhookMiddleware({
      secret,
      onEvent: (_event, context) => {
        context.res.statusCode = 202;
        context.res.end('queued');
      },
    });
    await middleware(request(body, signedHeaders()), res);
    expect([res.statusCode, res.body]).toEqual([202, 'queued']);
  });

  it('sends errors thrown by onEvent to next(), or answers 500', async () => {
    const failing = createWebhookMiddleware({
      secret,
      onEvent: () => {
        throw new Error('boom');
      },
    });
    const next = vi.fn();
    await failing(request(body, signedHeaders()), response(), next);
    expect(next).toHaveBeenCalledWith(expect.objectContaining({ message: 'boom' }));
    const res = response();
    await failing(request(body, signedHeaders()), res);
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('boom');
  });

  it('with a deduper, answers a retried delivery 200 without running onEvent again', async () => {
    const onEvent = vi.fn();
    const middleware = createWebhookMiddleware({ secret, onEvent, deduper: createDeduper() });
    await middleware(request(body, signedHeaders()), response());
    const retry = response();
    await middleware(request(body, signedHeaders()), retry);
    expect(retry.statusCode).toBe(200);
    expect(onEvent).toHaveBeenCalledOnce();
  });
});

describe('createWebhookMiddleware on a real node:http server', () => {
  let close: () => Promise<void> = async () => undefined;
  afterEach(() => close());

  it('verifies a delivery sent over HTTP and rejects a tampered one', async () => {
    const onEvent = vi.fn();
    const server = createServer(createWebhookMiddleware({ secret, onEvent }));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    close = () => new Promise((resolve) => server.close(() => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;

    const ok = await fetch(url, { method: 'POST', body, headers: signedHeaders() });
    expect(ok.status).toBe(204);
    const bad = await fetch(url, {
      method: 'POST',
      body: body.replace('conv_1', 'conv_2'),
      headers: signedHeaders(),
    });
    expect(bad.status).toBe(400);
    await expect(bad.json()).resolves.toMatchObject({ reason: 'bad_signature' });
    expect(onEvent).toHaveBeenCalledOnce();
  });
});
