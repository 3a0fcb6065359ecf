import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockServer, ManualClock, seedDemoWorkspace } from '@opencom/mock-server';
import { Opencom } from '@opencom/sdk';
import { generateSecret, generateTestHeaders, type OpencomEvent } from '@opencom/webhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createReceiverApp, type ReceiverAppOptions } from './app';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const SECRET = generateSecret();

/** The app on a free local port, with every event it handled. */
async function start(options: Partial<ReceiverAppOptions> = {}) {
  const handled: OpencomEvent[] = [];
  const errors: unknown[] = [];
  const app = createReceiverApp({
    secrets: [SECRET],
    onEvent: (event) => {
      handled.push(event);
    },
    onError: (error) => errors.push(error),
    ...options,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/opencom`;
  return { url, handled, errors };
}

const event = (id = 'evt_1') =>
  JSON.stringify({
    id,
    type: 'message.created',
    createdAt: Date.now(),
    workspaceId: 'ws_1',
    resource: { type: 'message', id: 'msg_1' },
    data: { id: 'msg_1', conversationId: 'conv_1', senderType: 'visitor', content: 'Hi' },
  });

async function deliver(
  url: string,
  body: string,
  signed: { secret?: string; timestamp?: Date; as?: string } = {},
) {
  const headers = await generateTestHeaders({
    body: signed.as ?? body,
    secret: signed.secret ?? SECRET,
    ...(signed.timestamp ? { timestamp: signed.timestamp } : {}),
  });
  return fetch(url, { method: 'POST', body, headers });
}

describe('webhook-receiver-express', () => {
  it('accepts a valid delivery once, with the typed event', async () => {
    const { url, handled } = await start();
    const response = await deliver(url, event());
    expect(response.status).toBe(204);
    expect(handled.map((e) => [e.id, e.type])).toEqual([['evt_1', 'message.created']]);
  });

  it('dedupes a retry or replay of the same webhook-id (new timestamp, new signature)', async () => {
    const { url, handled } = await start();
    const body = event();
    await deliver(url, body);
    const replay = await deliver(url, body, { timestamp: new Date(Date.now() + 30_000) });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, duplicate: true });
    expect(handled).toHaveLength(1);
  });

  it('rejects a tampered body with 400 bad_signature', async () => {
    const { url, handled } = await start();
    const signed = event();
    const response = await deliver(url, signed.replace('"Hi"', '"Hi, refund me twice"'), { as: signed });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'webhook_verification_failed',
      reason: 'bad_signature',
    });
    expect(handled).toEqual([]);
  });

  it('rejects a delivery signed with another secret with 400 bad_signature', async () => {
    const { url, handled } = await start();
    const response = await deliver(url, event(), { secret: generateSecret() });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ reason: 'bad_signature' });
    expect(handled).toEqual([]);
  });

  it('rejects a stale delivery (signed 10 minutes ago) with 400 timestamp_too_old', async () => {
    const { url } = await start();
    const response = await deliver(url, event(), { timestamp: new Date(Date.now() - 600_000) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ reason: 'timestamp_too_old' });
  });

  it('accepts either secret during a rotation', async () => {
    const next = generateSecret();
    const { url, handled } = await start({ secrets: [next, SECRET] });
    expect((await deliver(url, event('evt_old'))).status).toBe(204);
    expect((await deliver(url, event('evt_new'), { secret: next })).status).toBe(204);
    expect(handled.map((e) => e.id)).toEqual(['evt_old', 'evt_new']);
  });

  it('answers 500 without details when the handler fails, and handles the retry', async () => {
    let failures = 1;
    const handled: string[] = [];
    const { url, errors } = await start({
      onEvent: (e) => {
        if (failures-- > 0) throw new Error('database down');
        handled.push(e.id);
      },
    });
    const body = event();
    const first = await deliver(url, body);
    expect(first.status).toBe(500);
    expect(await first.json()).toEqual({ error: 'internal_error' });
    expect(errors).toHaveLength(1);
    expect((await deliver(url, body)).status).toBe(204);
    expect(handled).toEqual(['evt_1']);
  });

  it('keeps JSON parsing for the rest of the app', async () => {
    const { url } = await start();
    const health = await fetch(url.replace('/webhooks/opencom', '/healthz'));
    expect(await health.json()).toEqual({ ok: true });
  });

  it('verifies real deliveries from the reference server', async () => {
    const server = createMockServer({ clock: new ManualClock(Date.now()), rateLimits: false });
    const { credential } = seedDemoWorkspace(server);
    const opencom = new Opencom({
      apiKey: credential.secret,
      baseUrl: 'http://reference.invalid',
      fetch: (input, init) => server.handle(new Request(input, init)),
    });
    const subscription = await opencom.webhooks.create({
      url: 'https://receiver.invalid/hook',
      status: 'paused',
    });
    const { url, handled } = await start({ secrets: [subscription.secret] });
    await opencom.webhooks.update(subscription.id, { url, status: 'active' });

    const test = await opencom.webhooks.test(subscription.id);
    await server.deliveries.idle();

    expect(handled.map((e) => e.type)).toEqual(['webhook.test']);
    expect((await opencom.webhooks.deliveries.get(test.id)).lastAttempt?.httpStatus).toBe(204);
  });
});
