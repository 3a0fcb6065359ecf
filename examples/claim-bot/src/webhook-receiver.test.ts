import { generateTestHeaders } from '@opencom/webhooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { BotAction } from './actions';
import { ClaimBot } from './bot';
import { startReferenceServer } from './test-support';
import { visitorMessageOf } from './visitor-message';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

const receivers: WebhookReceiver[] = [];
afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.close();
});

/** The bot in webhook mode: the reference server delivers over real HTTP to a local receiver. */
async function setup() {
  const ref = await startReferenceServer();
  const opencom = ref.opencom();
  const actions: BotAction[] = [];
  const bot = new ClaimBot({ opencom, onAction: (a) => actions.push(a), clock: ref.clock });
  // The receiver's port is only known once it listens: subscribe paused, then point the subscription at it.
  const subscription = await opencom.webhooks.create({
    url: 'https://receiver.invalid/webhooks/opencom',
    eventTypes: ['message.created'],
    status: 'paused',
  });
  const receiver = await startWebhookReceiver({
    secret: subscription.secret,
    onEvent: (event) => {
      const message = visitorMessageOf(event);
      if (message !== null) bot.notify(message);
    },
  });
  receivers.push(receiver);
  await opencom.webhooks.update(subscription.id, { url: receiver.url, status: 'active' });
  const delivered = async () => {
    await ref.server.deliveries.idle();
    await bot.idle();
  };
  return { ref, opencom, bot, actions, receiver, secret: subscription.secret, delivered };
}

describe('webhook mode', () => {
  it('a verified delivery of a visitor message gets the conversation handled', async () => {
    const { ref, opencom, actions, delivered } = await setup();
    const id = await ref.visitorWrites('How do I get a refund?');
    await delivered();

    expect(actions.map((a) => a.type)).toEqual(['claimed', 'answered', 'released']);
    const deliveries = await opencom.webhooks.deliveries.list();
    // The visitor's message and the bot's reply, both answered 2xx.
    expect(deliveries.data.map((d) => [d.eventType, d.status, d.lastAttempt?.httpStatus])).toEqual([
      ['message.created', 'succeeded', 204],
      ['message.created', 'succeeded', 204],
    ]);
    expect(actions[0]?.conversationId).toBe(id);
  });

  it('a replayed delivery is deduplicated on webhook-id: the bot does not answer twice', async () => {
    const { ref, opencom, actions, delivered } = await setup();
    await ref.visitorWrites('How do I get a refund?');
    await delivered();
    const [, visitorDelivery] = (await opencom.webhooks.deliveries.list()).data; // newest first

    const replay = await opencom.webhooks.deliveries.replay(visitorDelivery?.id ?? '');
    await delivered();

    const replayed = await opencom.webhooks.deliveries.get(replay.id);
    expect(replayed.lastAttempt?.httpStatus).toBe(200); // `{ received: true, duplicate: true }`
    expect(actions.map((a) => a.type)).toEqual(['claimed', 'answered', 'released']);
  });

  it('a forged delivery is refused with 400 before the bot sees it', async () => {
    const { receiver, actions } = await setup();
    const body = JSON.stringify({
      id: 'evt_forged',
      type: 'message.created',
      createdAt: Date.now(),
      workspaceId: 'ws_1',
      resource: { type: 'message', id: 'msg_1' },
      data: { conversationId: 'conv_1', senderType: 'visitor', content: 'refund' },
    });
    const headers = await generateTestHeaders({ body, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });

    const response = await fetch(receiver.url, { method: 'POST', body, headers });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ reason: 'bad_signature' });
    expect(actions).toEqual([]);
  });
});
