import { generateSecret, generateTestHeaders, type OpencomEvent } from '@opencom/webhooks';
import { describe, expect, it } from 'vitest';
import { createReceiver, type ReceiverOptions } from './handler';

const SECRET = generateSecret();

function setup(options: Partial<ReceiverOptions> = {}) {
  const handled: OpencomEvent[] = [];
  const receiver = createReceiver({
    secrets: [SECRET],
    onEvent: (event) => void handled.push(event),
    ...options,
  });
  return { receiver, handled };
}

const event = (id = 'evt_1') =>
  JSON.stringify({
    id,
    type: 'conversation.escalated',
    createdAt: Date.now(),
    workspaceId: 'ws_1',
    resource: { type: 'conversation', id: 'conv_1' },
    data: { conversationId: 'conv_1' },
  });

/** A POST to the receiver, signed over `signedBody` (default: the body sent). */
async function post(body: string, signed: { secret?: string; timestamp?: Date; signedBody?: string } = {}) {
  const headers = await generateTestHeaders({
    body: signed.signedBody ?? body,
    secret: signed.secret ?? SECRET,
    ...(signed.timestamp ? { timestamp: signed.timestamp } : {}),
  });
  return new Request('https://receiver.example/webhooks/opencom', { method: 'POST', body, headers });
}

describe('createReceiver (Fetch API)', () => {
  it('accepts a valid delivery once, with the typed event', async () => {
    const { receiver, handled } = setup();
    expect((await receiver(await post(event()))).status).toBe(204);
    expect(handled.map((e) => [e.id, e.type])).toEqual([['evt_1', 'conversation.escalated']]);
  });

  it('dedupes a replay of the same webhook-id', async () => {
    const { receiver, handled } = setup();
    const body = event();
    await receiver(await post(body));
    const replay = await receiver(await post(body, { timestamp: new Date(Date.now() + 60_000) }));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, duplicate: true });
    expect(handled).toHaveLength(1);
  });

  it('rejects a tampered body with 400 bad_signature', async () => {
    const { receiver, handled } = setup();
    const signedBody = event();
    const tampered = signedBody.replace('conv_1', 'conv_2');
    const response = await receiver(await post(tampered, { signedBody }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ reason: 'bad_signature' });
    expect(handled).toEqual([]);
  });

  it('rejects a delivery signed with another secret with 400 bad_signature', async () => {
    const { receiver, handled } = setup();
    const response = await receiver(await post(event(), { secret: generateSecret() }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ reason: 'bad_signature' });
    expect(handled).toEqual([]);
  });

  it('rejects a delivery without signature headers with 400 missing_header', async () => {
    const { receiver } = setup();
    const response = await receiver(
      new Request('https://receiver.example/webhooks/opencom', { method: 'POST', body: event() }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ reason: 'missing_header' });
  });

  it('answers 500 without details when the handler fails, and handles the retry', async () => {
    const errors: unknown[] = [];
    let failures = 1;
    const { receiver } = setup({
      onEvent: () => {
        if (failures-- > 0) throw new Error('queue full');
      },
      onError: (error) => errors.push(error),
    });
    const body = event();
    const first = await receiver(await post(body));
    expect(first.status).toBe(500);
    expect(await first.json()).toEqual({ error: 'internal_error' });
    expect(errors).toHaveLength(1);
    expect((await receiver(await post(body))).status).toBe(204);
  });

  it('answers 404 elsewhere and 405 to other methods on the webhook path', async () => {
    const { receiver } = setup();
    expect((await receiver(new Request('https://receiver.example/other'))).status).toBe(404);
    expect((await receiver(new Request('https://receiver.example/webhooks/opencom'))).status).toBe(405);
  });
});
