/**
 * Webhook delivery end to end: events written through the API reach a real receiver (node:http on
 * loopback) that verifies every request with @opencom/webhooks. Time moves only on the engine's
 * clock; the only waiting is for the receiver's own I/O (`server.deliveries.idle()`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSync } from '@opencom/webhooks';
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../src/cli/options';
import type { MockServerOptions } from '../src/index';
import { foreignKey } from './records';
import { request, setup, type TestWorkspace } from './support';
import { type ReceivedDelivery, type Receiver, startReceiver } from './webhook-receiver';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

interface Delivery {
  id: string;
  webhookId: string;
  eventId: string;
  status: string;
  attemptCount: number;
  nextAttemptAt: number | null;
  replayOf: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: tests assert on loosely typed JSON
  [key: string]: any;
}

interface Harness extends TestWorkspace {
  receiver: Receiver;
  /** Subscribes the receiver (or `url`) and lets it verify with the new secret. */
  subscribe(body?: Record<string, unknown>): Promise<{ id: string; secret: string }>;
  /** Writes one event through the API (visitor.created) and returns its resource ID. */
  write(name?: string): Promise<string>;
  deliveries(query?: string): Promise<Delivery[]>;
  delivery(id: string): Promise<Delivery>;
}

/** A server with jitter pinned (waits are exactly the schedule) and a verifying receiver. */
async function harness(options: MockServerOptions = {}): Promise<Harness> {
  const ws = await setup({ ...options, delivery: { random: () => 0.5, ...options.delivery } });
  const { server, key } = ws;
  const receiver = await startReceiver(() => server.clock.now());
  return {
    ...ws,
    receiver,
    subscribe: async (body = {}) => {
      const created = await request(server, 'POST /api/v1/webhooks', {
        key,
        body: { url: receiver.url, ...body },
      });
      expect(created.status).toBe(201);
      receiver.secrets.push(created.body.secret);
      return created.body;
    },
    write: async (name = 'Dana') => {
      const visitor = await request(server, 'POST /api/v1/visitors', { key, body: { name } });
      expect(visitor.status).toBe(201);
      return visitor.body.id;
    },
    deliveries: async (query = '') => {
      const page = await request(server, `GET /api/v1/webhook-deliveries?limit=100${query}`, { key });
      expect(page.status).toBe(200);
      return page.body.data;
    },
    delivery: async (id) => {
      const detail = await request(server, `GET /api/v1/webhook-deliveries/${id}`, { key });
      expect(detail.status).toBe(200);
      return detail.body;
    },
  };
}

/** The name in a delivered visitor.created event. */
const visitorName = (received: ReceivedDelivery): unknown =>
  (received.event?.data as { name?: unknown } | undefined)?.name;

/** The only delivery of a harness (most tests make one). */
async function only(h: Harness): Promise<Delivery> {
  const list = await h.deliveries();
  expect(list).toHaveLength(1);
  return h.delivery(list[0]?.id ?? '');
}

describe('webhook delivery', () => {
  it('POSTs a matching event at once with Standard Webhooks headers on the engine clock and the event as body', async () => {
    const h = await harness();
    const hook = await h.subscribe();
    const visitorId = await h.write();
    await h.server.deliveries.idle();

    expect(h.receiver.received).toHaveLength(1);
    const [received] = h.receiver.received;
    expect(received?.error).toBeNull();
    const feed = await request(h.server, 'GET /api/v1/events', { key: h.key });
    const [event] = feed.body.data;
    expect(event).toMatchObject({ type: 'visitor.created', resource: { type: 'visitor', id: visitorId } });
    expect(received?.event).toEqual(event);
    expect(received?.body).toBe(JSON.stringify(event));
    expect(received?.headers).toMatchObject({
      'content-type': 'application/json',
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(h.clock.now() / 1000)),
      'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]+=*$/),
    });

    const delivery = await only(h);
    expect(delivery).toMatchObject({
      webhookId: hook.id,
      eventId: event.id,
      eventType: 'visitor.created',
      status: 'succeeded',
      attemptCount: 1,
      maxAttempts: 5,
      nextAttemptAt: null,
      replayOf: null,
      completedAt: h.clock.now(),
      event,
    });
    expect(delivery.attempts).toEqual([
      {
        attemptNumber: 1,
        startedAt: h.clock.now(),
        durationMs: expect.any(Number),
        outcome: 'succeeded',
        httpStatus: 200,
        error: null,
        responseBodyExcerpt: 'ok',
        retryAfterSeconds: null,
        webhookTimestamp: Math.floor(h.clock.now() / 1000),
      },
    ]);
    expect(delivery.lastAttempt).toEqual(delivery.attempts[0]);
  });

  it('fans out by event types, resource types and channels (conversation and message events only); paused subscriptions get nothing', async () => {
    const h = await harness();
    const all = await h.subscribe();
    const visitorsOnly = await h.subscribe({ resourceTypes: ['visitor'] });
    const messages = await h.subscribe({ eventTypes: ['message.created'] });
    const chat = await h.subscribe({ channels: ['chat'] });
    const emailMessages = await h.subscribe({ eventTypes: ['message.created'], channels: ['email'] });
    const paused = await h.subscribe({ status: 'paused' });
    for (const channel of ['chat', 'email']) {
      const simulated = await request(h.server, 'POST /__control/conversations', {
        body: { workspaceId: h.workspaceId, channel, content: `Hello by ${channel}`, visitor: { name: 'V' } },
      });
      expect(simulated.status).toBe(201);
    }
    await h.server.deliveries.idle();
    const typesFor = async (webhookId: string) =>
      (await h.deliveries(`&webhookId=${webhookId}`)).map((d) => `${d.eventType}`).sort();
    const everything = [
      'conversation.created',
      'conversation.created',
      'message.created',
      'message.created',
      'visitor.created',
      'visitor.created',
    ];
    expect(await typesFor(all.id)).toEqual(everything);
    expect(await typesFor(visitorsOnly.id)).toEqual(['visitor.created', 'visitor.created']);
    expect(await typesFor(messages.id)).toEqual(['message.created', 'message.created']);
    // The channel filter leaves visitor events alone and keeps only chat conversations and messages.
    expect(await typesFor(chat.id)).toEqual([
      'conversation.created',
      'message.created',
      'visitor.created',
      'visitor.created',
    ]);
    expect(await typesFor(emailMessages.id)).toEqual(['message.created']);
    expect(await typesFor(paused.id)).toEqual([]);
    expect(h.receiver.received).toHaveLength(6 + 2 + 2 + 4 + 1);
    expect(h.receiver.received.every((r) => r.error === null)).toBe(true);
  });

  it('retries a failing receiver at 30 s, 2 min, 10 min and 1 h, then fails: same webhook-id, fresh timestamp each time', async () => {
    const h = await harness();
    await h.subscribe();
    h.receiver.fallback = { status: 500, body: 'upstream unavailable' };
    await h.write();
    await h.server.deliveries.idle();
    const start = h.clock.now();
    expect(await only(h)).toMatchObject({
      status: 'retrying',
      attemptCount: 1,
      nextAttemptAt: start + 30 * SECOND,
    });

    // Driven on the scheduler: nothing happens a millisecond early; the attempt starts when due.
    let due = start;
    for (const [attempt, wait] of [
      [2, 30 * SECOND],
      [3, 2 * MINUTE],
      [4, 10 * MINUTE],
      [5, HOUR],
    ] as const) {
      await h.server.scheduler.advanceBy(due + wait - 1 - h.clock.now());
      await h.server.deliveries.idle();
      expect(h.receiver.received).toHaveLength(attempt - 1);
      await h.server.scheduler.advanceBy(1);
      await h.server.deliveries.idle();
      expect(h.receiver.received).toHaveLength(attempt);
      due += wait;
    }
    const delivery = await only(h);
    expect(delivery).toMatchObject({
      status: 'failed',
      attemptCount: 5,
      nextAttemptAt: null,
      completedAt: due,
    });
    expect(delivery.attempts.map((a: { startedAt: number }) => a.startedAt - start)).toEqual([
      0,
      30 * SECOND,
      150 * SECOND,
      750 * SECOND,
      4350 * SECOND,
    ]);
    expect(delivery.lastAttempt).toMatchObject({
      httpStatus: 500,
      responseBodyExcerpt: 'upstream unavailable',
    });
    const ids = new Set(h.receiver.received.map((r) => r.headers['webhook-id']));
    const stamps = new Set(h.receiver.received.map((r) => r.headers['webhook-timestamp']));
    expect(ids).toEqual(new Set([delivery.eventId]));
    expect(stamps.size).toBe(5);
    expect(h.receiver.received.every((r) => r.error === null)).toBe(true);
    // Nothing further is scheduled for it.
    await h.server.deliveries.advanceBy(24 * HOUR);
    expect(h.receiver.received).toHaveLength(5);
  });

  it('succeeds on a later attempt', async () => {
    const h = await harness();
    await h.subscribe();
    h.receiver.script({ status: 503 }, { status: 502 });
    await h.write();
    await h.server.deliveries.advanceBy(10 * MINUTE);
    const delivery = await only(h);
    expect(delivery).toMatchObject({ status: 'succeeded', attemptCount: 3, nextAttemptAt: null });
    expect(delivery.attempts.map((a: { httpStatus: number }) => a.httpStatus)).toEqual([503, 502, 200]);
  });

  it('jitters each wait by up to ±20 % with the injected random source', async () => {
    const h = await harness({ delivery: { random: () => 0 } });
    await h.subscribe();
    h.receiver.fallback = { status: 500 };
    await h.write();
    await h.server.deliveries.idle();
    expect((await only(h)).nextAttemptAt).toBe(h.clock.now() + 24 * SECOND);
  });

  it('honours a 429 Retry-After longer than the schedule, in seconds or as an HTTP date', async () => {
    const h = await harness();
    await h.subscribe();
    const inTenMinutes = new Date(h.clock.now() + 10 * MINUTE).toUTCString();
    h.receiver.script(
      { status: 429, headers: { 'retry-after': '300' }, body: 'slow down' },
      { status: 429, headers: { 'retry-after': inTenMinutes, date: new Date(h.clock.now()).toUTCString() } },
    );
    await h.write();
    await h.server.deliveries.idle();
    const start = h.clock.now();
    expect(await only(h)).toMatchObject({
      status: 'retrying',
      nextAttemptAt: start + 300 * SECOND,
      lastAttempt: { httpStatus: 429, retryAfterSeconds: 300, responseBodyExcerpt: 'slow down' },
    });
    await h.server.scheduler.advanceBy(30 * SECOND);
    await h.server.deliveries.idle();
    expect(h.receiver.received).toHaveLength(1);
    await h.server.scheduler.advanceBy(270 * SECOND);
    await h.server.deliveries.idle();
    expect(await only(h)).toMatchObject({
      nextAttemptAt: start + 900 * SECOND,
      lastAttempt: { retryAfterSeconds: 600 },
    });
    await h.server.deliveries.advanceBy(600 * SECOND);
    expect(await only(h)).toMatchObject({ status: 'succeeded', attemptCount: 3 });
  });

  it('410 Gone ends the delivery, disables the subscription with a reason and ends its other retries', async () => {
    const h = await harness();
    const hook = await h.subscribe();
    h.receiver.script({ status: 500 }, { status: 410, body: 'gone' });
    await h.write('First');
    await h.server.deliveries.idle();
    await h.write('Second');
    await h.server.deliveries.idle();
    const [second, first] = await h.deliveries();
    expect(second).toMatchObject({ status: 'failed', attemptCount: 1, lastAttempt: { httpStatus: 410 } });
    expect(first).toMatchObject({ status: 'failed', attemptCount: 1, nextAttemptAt: null });
    const subscription = await request(h.server, `GET /api/v1/webhooks/${hook.id}`, { key: h.key });
    expect(subscription.body).toMatchObject({
      status: 'disabled',
      disabledReason: 'receiver answered 410 Gone',
    });
    const audit = await request(h.server, 'GET /__control/audit-log?limit=100');
    expect(audit.body.data.map((e: { action: string }) => e.action)).toContain('webhook.disable');

    // Disabled: new events are not queued for it, and nothing is retried.
    await h.write('Third');
    await h.server.deliveries.advanceBy(2 * HOUR);
    expect(h.receiver.received).toHaveLength(2);
    expect(await h.deliveries()).toHaveLength(2);

    // `active` re-enables it and clears the reason.
    const reenabled = await request(h.server, `PATCH /api/v1/webhooks/${hook.id}`, {
      key: h.key,
      body: { status: 'active' },
    });
    expect(reenabled.body).toMatchObject({ status: 'active', disabledReason: null });
    await h.write('Fourth');
    await h.server.deliveries.idle();
    expect(h.receiver.received).toHaveLength(3);
  });

  it('does not follow a redirect: a 3xx is a failed attempt with redirect_not_followed', async () => {
    const h = await harness();
    await h.subscribe();
    h.receiver.script({ status: 302, headers: { location: h.receiver.url.replace('/hooks', '/elsewhere') } });
    await h.write();
    await h.server.deliveries.idle();
    expect(await only(h)).toMatchObject({
      status: 'retrying',
      lastAttempt: { outcome: 'failed', httpStatus: 302, error: 'redirect_not_followed' },
    });
    expect(h.receiver.received.map((r) => r.path)).toEqual(['/hooks']);
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    const h = await harness({ delivery: { timeoutMs: 50 } });
    await h.subscribe();
    h.receiver.script({ hang: true });
    await h.write();
    await h.server.deliveries.idle();
    const delivery = await only(h);
    expect(delivery).toMatchObject({
      status: 'retrying',
      lastAttempt: { outcome: 'failed', httpStatus: null, error: 'timeout', responseBodyExcerpt: null },
    });
    expect(delivery.lastAttempt.durationMs).toBeGreaterThanOrEqual(40);
  });

  it('records connection_refused when nothing listens, and retries', async () => {
    const h = await harness();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await h.subscribe({ url: `http://127.0.0.1:${port}/hook` });
    await h.write();
    await h.server.deliveries.idle();
    expect(await only(h)).toMatchObject({
      status: 'retrying',
      lastAttempt: { httpStatus: null, error: 'connection_refused' },
    });
  });

  it('keeps the first 1 KiB of the response body', async () => {
    const h = await harness();
    await h.subscribe();
    h.receiver.script({ status: 200, body: `${'é'.repeat(600)}${'x'.repeat(5000)}` });
    await h.write();
    await h.server.deliveries.idle();
    const excerpt: string = (await only(h)).lastAttempt.responseBodyExcerpt;
    expect(Buffer.byteLength(excerpt)).toBeLessThanOrEqual(1026);
    expect(excerpt.startsWith('é'.repeat(512))).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(1024);
  });

  it('pausing a subscription ends its scheduled retries failed; resuming delivers only new events', async () => {
    const h = await harness();
    const hook = await h.subscribe();
    h.receiver.script({ status: 500 });
    await h.write('Before');
    await h.server.deliveries.idle();
    await request(h.server, `PATCH /api/v1/webhooks/${hook.id}`, { key: h.key, body: { status: 'paused' } });
    expect(await only(h)).toMatchObject({ status: 'failed', attemptCount: 1, nextAttemptAt: null });
    await h.write('While paused');
    await h.server.deliveries.advanceBy(HOUR);
    expect(h.receiver.received).toHaveLength(1);
    await request(h.server, `PATCH /api/v1/webhooks/${hook.id}`, { key: h.key, body: { status: 'active' } });
    await h.write('After');
    await h.server.deliveries.idle();
    expect(h.receiver.received.map(visitorName)).toEqual(['Before', 'After']);
  });

  it('deleting a subscription ends its retries failed; its deliveries stay readable', async () => {
    const h = await harness();
    const hook = await h.subscribe();
    h.receiver.fallback = { status: 500 };
    await h.write();
    await h.server.deliveries.idle();
    await request(h.server, `DELETE /api/v1/webhooks/${hook.id}`, { key: h.key });
    await h.server.deliveries.advanceBy(2 * HOUR);
    expect(h.receiver.received).toHaveLength(1);
    expect(await h.deliveries(`&webhookId=${hook.id}`)).toMatchObject([
      { status: 'failed', attemptCount: 1, webhookId: hook.id },
    ]);
  });

  it('an attempt in flight when the subscription is paused is recorded but not retried', async () => {
    const h = await harness();
    const hook = await h.subscribe();
    h.receiver.script({ status: 500 });
    await h.write();
    // The attempt is out; pause before it comes back.
    await request(h.server, `PATCH /api/v1/webhooks/${hook.id}`, { key: h.key, body: { status: 'paused' } });
    await h.server.deliveries.idle();
    expect(await only(h)).toMatchObject({
      status: 'failed',
      attemptCount: 1,
      lastAttempt: { httpStatus: 500 },
    });
  });

  it('disables a subscription whose attempts have all failed for 24 h of clock time, and says why', async () => {
    const h = await harness();
    const hook = await h.subscribe();
    h.receiver.fallback = { status: 500 };
    await h.write('Day 1');
    await h.server.deliveries.advanceBy(12 * HOUR);
    await h.write('Day 1, later');
    await h.server.deliveries.advanceBy(12 * HOUR - 1);
    let subscription = await request(h.server, `GET /api/v1/webhooks/${hook.id}`, { key: h.key });
    expect(subscription.body.status).toBe('active');
    await h.server.deliveries.advanceBy(1);
    await h.write('Day 2');
    await h.server.deliveries.idle();
    subscription = await request(h.server, `GET /api/v1/webhooks/${hook.id}`, { key: h.key });
    expect(subscription.body).toMatchObject({
      status: 'disabled',
      disabledReason: 'every attempt failed for 24h',
    });
    const [latest] = await h.deliveries();
    expect(latest).toMatchObject({ status: 'failed', attemptCount: 1 });
    expect(h.receiver.received).toHaveLength(11);
  });

  it('a success resets the 24 h failure window', async () => {
    const h = await harness();
    const hook = await h.subscribe();
    h.receiver.fallback = { status: 500 };
    await h.write();
    await h.server.deliveries.advanceBy(20 * HOUR);
    h.receiver.script({ status: 204 });
    await h.write();
    await h.server.deliveries.advanceBy(20 * HOUR);
    await h.write();
    await h.server.deliveries.idle();
    const subscription = await request(h.server, `GET /api/v1/webhooks/${hook.id}`, { key: h.key });
    expect(subscription.body.status).toBe('active');
  });

  it('signs with both secrets during a rotation overlap, each verifying alone; only the new one afterwards', async () => {
    const h = await harness();
    const hook = await h.subscribe();
    const rotated = await request(h.server, `POST /api/v1/webhooks/${hook.id}/rotate-secret`, {
      key: h.key,
      body: { expireCurrentInSeconds: 3600 },
    });
    h.receiver.secrets.push(rotated.body.secret);
    await h.write('During');
    await h.server.deliveries.idle();
    h.clock.set(rotated.body.previousSecretExpiresAt);
    await h.write('After');
    await h.server.deliveries.idle();
    const [during, after] = h.receiver.received;
    const verifiesWith = (delivery: typeof during, secret: string) => {
      try {
        // Checked at the time it was sent: only the signature is in question here.
        const sentAt = Number(delivery?.headers['webhook-timestamp']) * 1000;
        verifyWebhookSync({
          body: delivery?.body ?? '',
          headers: delivery?.headers ?? {},
          secret,
          now: sentAt,
        });
        return true;
      } catch {
        return false;
      }
    };
    expect(String(during?.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifiesWith(during, hook.secret)).toBe(true);
    expect(verifiesWith(during, rotated.body.secret)).toBe(true);
    expect(String(after?.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verifiesWith(after, hook.secret)).toBe(false);
    expect(verifiesWith(after, rotated.body.secret)).toBe(true);
  });

  it('rotating again during an overlap retires the older secret at once: at most two sign', async () => {
    const h = await harness();
    const hook = await h.subscribe();
    const path = `POST /api/v1/webhooks/${hook.id}/rotate-secret`;
    const second = await request(h.server, path, { key: h.key });
    const third = await request(h.server, path, { key: h.key });
    h.receiver.secrets.push(second.body.secret, third.body.secret);
    await h.write();
    await h.server.deliveries.idle();
    const [received] = h.receiver.received;
    expect(String(received?.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(() =>
      verifyWebhookSync({
        body: received?.body ?? '',
        headers: received?.headers ?? {},
        secret: hook.secret,
        now: h.clock.now(),
      }),
    ).toThrow(/signature/);
  });

  it('sends webhook.test to the tested subscription only, whatever its filters and status', async () => {
    const h = await harness();
    const paused = await h.subscribe({ status: 'paused', eventTypes: ['message.created'] });
    await h.subscribe();
    const test = await request(h.server, `POST /api/v1/webhooks/${paused.id}/test`, { key: h.key });
    await h.server.deliveries.idle();
    expect(h.receiver.received).toHaveLength(1);
    expect(h.receiver.received[0]?.event).toMatchObject({
      type: 'webhook.test',
      resource: { type: 'webhook', id: paused.id },
      data: { webhookId: paused.id },
    });
    expect(await h.delivery(test.body.id)).toMatchObject({ status: 'succeeded', webhookId: paused.id });
  });

  it('keeps at most `concurrency` attempts in flight per subscription; the others wait their turn', async () => {
    const h = await harness({ delivery: { concurrency: 2 } });
    await h.subscribe();
    h.receiver.fallback = { status: 200, delayMs: 20 };
    for (let i = 0; i < 6; i++) await h.write(`Visitor ${i}`);
    expect(h.server.deliveries.inFlight).toBe(6);
    await h.server.deliveries.idle();
    expect(h.receiver.maxConcurrent).toBe(2);
    expect((await h.deliveries('&status=succeeded')).length).toBe(6);
  });

  it('uses the retrySchedule option: its length is the number of attempts', async () => {
    const h = await harness({ retrySchedule: [0, SECOND, 2 * SECOND] });
    await h.subscribe();
    h.receiver.fallback = { status: 500 };
    await h.write();
    await h.server.deliveries.advanceBy(3 * SECOND);
    expect(await only(h)).toMatchObject({ status: 'failed', attemptCount: 3, maxAttempts: 3 });
    expect(() => parseOptions(['--retry-schedule', 'soon'])).toThrow(/--retry-schedule/);
    expect(parseOptions(['--retry-schedule', '0,1s,2s,5s,10s'])?.retrySchedule).toEqual([
      0, 1000, 2000, 5000, 10_000,
    ]);
  });

  it('waits for the first entry of the schedule when it is not 0', async () => {
    const h = await harness({ retrySchedule: [5 * SECOND] });
    await h.subscribe();
    await h.write();
    await h.server.deliveries.idle();
    expect(await only(h)).toMatchObject({ status: 'pending', nextAttemptAt: h.clock.now() + 5 * SECOND });
    await h.server.deliveries.advanceBy(5 * SECOND);
    expect(await only(h)).toMatchObject({ status: 'succeeded', attemptCount: 1 });
  });
});

describe('GET /webhook-deliveries', () => {
  it('lists newest first and filters by status, webhookId, eventId, eventType and createdAfter', async () => {
    const h = await harness();
    const a = await h.subscribe();
    const b = await h.subscribe({ eventTypes: ['custom_event.created'] });
    const visitorId = await h.write();
    h.clock.set(h.clock.now() + MINUTE);
    const since = h.clock.now();
    h.receiver.script({ status: 500 });
    const custom = await request(h.server, 'POST /api/v1/custom-events', {
      key: h.key,
      body: { name: 'signed.up', visitorId },
    });
    expect(custom.status).toBe(201);
    await h.server.deliveries.idle();
    const all = await h.deliveries();
    expect(all.map((d) => [d.webhookId, d.eventType])).toEqual([
      [b.id, 'custom_event.created'],
      [a.id, 'custom_event.created'],
      [a.id, 'visitor.created'],
    ]);
    const ids = (list: Delivery[]) => list.map((d) => d.id);
    expect(ids(await h.deliveries(`&webhookId=${b.id}`))).toEqual([all[0]?.id]);
    expect(ids(await h.deliveries('&status=retrying'))).toHaveLength(1);
    expect(ids(await h.deliveries('&status=succeeded'))).toHaveLength(2);
    expect(ids(await h.deliveries(`&eventId=${all[2]?.eventId}`))).toEqual([all[2]?.id]);
    expect(ids(await h.deliveries('&eventType=visitor.created'))).toEqual([all[2]?.id]);
    expect(ids(await h.deliveries(`&createdAfter=${since}`))).toEqual([all[0]?.id, all[1]?.id]);
    expect(ids(await h.deliveries(`&createdAfter=${since}&webhookId=${a.id}`))).toEqual([all[1]?.id]);
    const first = await request(h.server, 'GET /api/v1/webhook-deliveries?limit=2', { key: h.key });
    expect(first.body).toMatchObject({ hasMore: true });
    expect(first.body.data[0]).not.toHaveProperty('attempts');
    const second = await request(
      h.server,
      `GET /api/v1/webhook-deliveries?limit=2&cursor=${first.body.nextCursor}`,
      {
        key: h.key,
      },
    );
    expect(second.body).toMatchObject({ hasMore: false, nextCursor: null });
    expect(ids(second.body.data)).toEqual([all[2]?.id]);
  });

  it('is empty for another workspace, whose GET is a 404', async () => {
    const h = await harness();
    await h.subscribe();
    await h.write();
    await h.server.deliveries.idle();
    const [delivery] = await h.deliveries();
    const other = await foreignKey(h.server);
    expect((await request(h.server, 'GET /api/v1/webhook-deliveries', { key: other })).body.data).toEqual([]);
    const get = await request(h.server, `GET /api/v1/webhook-deliveries/${delivery?.id}`, { key: other });
    expect(get.status).toBe(404);
    expect((await request(h.server, 'GET /api/v1/webhook-deliveries/dlv_nope', { key: h.key })).status).toBe(
      404,
    );
  });
});

describe('POST /webhook-deliveries/{deliveryId}/replay', () => {
  it('re-sends the stored event as a new chain linked by replayOf: same webhook-id and body, new timestamp', async () => {
    const h = await harness({ retrySchedule: [0] });
    await h.subscribe();
    h.receiver.script({ status: 500 });
    await h.write();
    await h.server.deliveries.idle();
    const [original] = await h.deliveries();
    expect(original?.status).toBe('failed');
    h.clock.set(h.clock.now() + 90 * SECOND);
    const replay = await request(h.server, `POST /api/v1/webhook-deliveries/${original?.id}/replay`, {
      key: h.key,
    });
    expect(replay.status).toBe(202);
    expect(replay.headers.get('location')).toBe(`/api/v1/webhook-deliveries/${replay.body.id}`);
    expect(replay.body).toMatchObject({
      replayOf: original?.id,
      eventId: original?.eventId,
      status: 'pending',
    });
    await h.server.deliveries.idle();
    const [first, second] = h.receiver.received;
    expect(second?.headers['webhook-id']).toBe(first?.headers['webhook-id']);
    expect(second?.body).toBe(first?.body);
    expect(Number(second?.headers['webhook-timestamp'])).toBe(
      Number(first?.headers['webhook-timestamp']) + 90,
    );
    expect(second?.error).toBeNull();
    expect(await h.delivery(replay.body.id)).toMatchObject({ status: 'succeeded', replayOf: original?.id });
    expect(await h.delivery(original?.id ?? '')).toMatchObject({ status: 'failed', attemptCount: 1 });
    const audit = await request(h.server, `GET /__control/audit-log?credentialId=${h.credentialId}`);
    expect(audit.body.data.map((e: { action: string }) => e.action)).toContain('delivery.replay');
  });

  it('goes out to a paused or disabled subscription too (replay is an explicit request)', async () => {
    const h = await harness();
    const hook = await h.subscribe();
    await h.write();
    await h.server.deliveries.idle();
    await request(h.server, `PATCH /api/v1/webhooks/${hook.id}`, { key: h.key, body: { status: 'paused' } });
    const [original] = await h.deliveries();
    const replay = await request(h.server, `POST /api/v1/webhook-deliveries/${original?.id}/replay`, {
      key: h.key,
    });
    await h.server.deliveries.idle();
    expect(h.receiver.received).toHaveLength(2);
    expect(await h.delivery(replay.body.id)).toMatchObject({ status: 'succeeded' });
  });

  it('is a 409 conflict once the subscription is deleted, and a 404 for an unknown or foreign delivery', async () => {
    const h = await harness();
    const hook = await h.subscribe();
    await h.write();
    await h.server.deliveries.idle();
    const [delivery] = await h.deliveries();
    const other = await foreignKey(h.server);
    const foreign = await request(h.server, `POST /api/v1/webhook-deliveries/${delivery?.id}/replay`, {
      key: other,
    });
    expect(foreign.status).toBe(404);
    const unknown = await request(h.server, 'POST /api/v1/webhook-deliveries/dlv_nope/replay', {
      key: h.key,
    });
    expect(unknown.status).toBe(404);
    await request(h.server, `DELETE /api/v1/webhooks/${hook.id}`, { key: h.key });
    const conflict = await request(h.server, `POST /api/v1/webhook-deliveries/${delivery?.id}/replay`, {
      key: h.key,
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({
      code: 'conflict',
      detail: `Webhook subscription ${hook.id} was deleted; its deliveries cannot be replayed.`,
    });
  });
});

describe('POST /webhook-deliveries/replay', () => {
  it('replays failed deliveries since a time, oldest first, at most 100 a call, skipping replayed ones', async () => {
    const h = await harness({ retrySchedule: [0] });
    const hook = await h.subscribe();
    h.receiver.fallback = { status: 500 };
    await h.write('Too early');
    h.clock.set(h.clock.now() + MINUTE);
    const since = h.clock.now();
    for (let i = 0; i < 102; i++) await h.write(`Visitor ${i}`);
    await h.server.deliveries.idle();
    // The receiver is fixed; the replays succeed.
    h.receiver.fallback = { status: 200 };
    const body = { status: 'failed', since, webhookId: hook.id };
    const first = await request(h.server, 'POST /api/v1/webhook-deliveries/replay', { key: h.key, body });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ replayed: 100, hasMore: true });
    await h.server.deliveries.idle();
    // Up to 10 attempts per subscription run at once, so arrival order is not fixed; the set is.
    const names = (from: number) => new Set(h.receiver.received.slice(from).map(visitorName));
    expect(names(103)).toEqual(new Set(Array.from({ length: 100 }, (_, i) => `Visitor ${i}`)));
    // Oldest original first (delivery IDs sort in creation order).
    const originals = first.body.data.map((d: Delivery) => d.replayOf);
    expect(originals).toEqual([...originals].sort());
    const second = await request(h.server, 'POST /api/v1/webhook-deliveries/replay', {
      key: h.key,
      body: { status: 'failed', since },
    });
    expect(second.body).toMatchObject({ replayed: 2, hasMore: false });
    await h.server.deliveries.idle();
    expect(names(203)).toEqual(new Set(['Visitor 100', 'Visitor 101']));
    const third = await request(h.server, 'POST /api/v1/webhook-deliveries/replay', { key: h.key, body });
    expect(third.body).toEqual({ replayed: 0, data: [], hasMore: false });
  });

  it('skips deliveries of deleted subscriptions, and an unknown webhookId is a 404', async () => {
    const h = await harness({ retrySchedule: [0] });
    const hook = await h.subscribe();
    h.receiver.fallback = { status: 500 };
    await h.write();
    await h.server.deliveries.idle();
    await request(h.server, `DELETE /api/v1/webhooks/${hook.id}`, { key: h.key });
    const since = 0;
    const all = await request(h.server, 'POST /api/v1/webhook-deliveries/replay', {
      key: h.key,
      body: { status: 'failed', since },
    });
    expect(all.body).toEqual({ replayed: 0, data: [], hasMore: false });
    const unknown = await request(h.server, 'POST /api/v1/webhook-deliveries/replay', {
      key: h.key,
      body: { status: 'failed', since, webhookId: hook.id },
    });
    expect(unknown.status).toBe(404);
  });
});
