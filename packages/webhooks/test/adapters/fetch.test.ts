import { describe, expect, it, vi } from 'vitest';
import { createWebhookHandler } from '../../src/adapters/fetch.js';
import { createDeduper } from '../../src/dedupe.js';
import { body, event, secret, signedHeaders } from './fixtures.js';

const post = (payload: string, headers: Record<string, string>) =>
  new Request('https://receiver.test/webhooks', { method: 'POST', body: payload, headers });

describe('createWebhookHandler({ secret, onEvent })', () => {
  it('runs onEvent with the typed event and answers 204', async () => {
    const onEvent = vi.fn();
    const handler = createWebhookHandler({ secret, onEvent });
    const response = await handler(post(body, signedHeaders()));
    expect(response.status).toBe(204);
    expect(onEvent).toHaveBeenCalledWith(
      event,
      expect.objectContaining({
        webhookId: 'evt_1',
        scheme: 'standard',
        rawBody: new TextEncoder().encode(body),
      }),
    );
  });

  it('answers with the Response that onEvent returns', async () => {
    const handler = createWebhookHandler({
      secret,
      onEvent: () => Response.json({ ok: true }, { status: 202 }),
    });
    const response = await handler(post(body, signedHeaders()));
    expect(response.status).toBe(202);
    await expect(response.json()).resolves.toEqual({ ok: true });
  });

  it('answers 400 with the reason and never runs onEvent when verification fails', async () => {
    const onEvent = vi.fn();
    const handler = createWebhookHandler({ secret, onEvent });
    const tampered = await handler(post(body.replace('open', 'closed'), signedHeaders()));
    expect(tampered.status).toBe(400);
    await expect(tampered.json()).resolves.toMatchObject({
      error: 'webhook_verification_failed',
      reason: 'bad_signature',
    });
    const unsigned = await handler(post(body, { 'content-type': 'application/json' }));
    await expect(unsigned.json()).resolves.toMatchObject({ reason: 'missing_header' });
    expect(onEvent).not.toHaveBeenCalled();
  });

  it('answers 405 to anything but POST and 413 to an oversized body', async () => {
    const handler = createWebhookHandler({ secret, onEvent: vi.fn(), maxBodyBytes: 10 });
    expect((await handler(new Request('https://receiver.test/webhooks'))).status).toBe(405);
    expect((await handler(post(body, signedHeaders()))).status).toBe(413);
  });

  it('throws a TypeError explaining the fix when the body was already read', async () => {
    const handler = createWebhookHandler({ secret, onEvent: vi.fn() });
    const request = post(body, signedHeaders());
    await request.json();
    await expect(handler(request)).rejects.toThrow(/already read.*request\.clone\(\)/);
  });

  it('lets an error thrown by onEvent propagate (the framework answers 500, the sender retries)', async () => {
    const handler = createWebhookHandler({
      secret,
      onEvent: () => {
        throw new Error('boom');
      },
    });
    await expect(handler(post(body, signedHeaders()))).rejects.toThrow('boom');
  });

  it('with a deduper, answers a retried delivery 200 without running onEvent again', async () => {
    const onEvent = vi.fn();
    const handler = createWebhookHandler({ secret, onEvent, deduper: createDeduper() });
    expect((await handler(post(body, signedHeaders()))).status).toBe(204);
    const retry = await handler(post(body, signedHeaders()));
    expect(retry.status).toBe(200);
    await expect(retry.json()).resolves.toEqual({ received: true, duplicate: true });
    expect(onEvent).toHaveBeenCalledTimes(1);
  });

  it('with a deduper, answers 409 with Retry-After while the same event is in flight', async () => {
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    const handler = createWebhookHandler({
      secret,
      deduper: createDeduper(),
      onEvent: () => {
        started();
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    const first = handler(post(body, signedHeaders()));
    await running;
    const second = await handler(post(body, signedHeaders()));
    expect(second.status).toBe(409);
    expect(second.headers.get('retry-after')).toBe('30');
    release();
    expect((await first).status).toBe(204);
  });

  it('verifies a legacy X-Opencom-Signature delivery and passes the canonical envelope', async () => {
    const { generateTestHeadersSync } = await import('../../src/sign.js');
    const seed = JSON.stringify({
      eventType: 'conversation.created',
      resourceType: 'conversation',
      resourceId: 'conv_1',
      data: { id: 'conv_1' },
      timestamp: 5,
    });
    const onEvent = vi.fn();
    const handler = createWebhookHandler({ secret, onEvent });
    const headers = generateTestHeadersSync({ body: seed, secret, scheme: 'legacy', id: 'evt_seed' });
    expect((await handler(post(seed, headers))).status).toBe(204);
    expect(onEvent.mock.calls[0]?.[0]).toMatchObject({
      id: 'evt_seed',
      type: 'conversation.created',
      workspaceId: '',
    });
    expect(onEvent.mock.calls[0]?.[1]).toMatchObject({ scheme: 'legacy', webhookId: 'evt_seed' });
  });
});
