import { createMockServer, ManualClock, seedDemoWorkspace } from '@opencom/mock-server';
import { Opencom } from '@opencom/sdk';
import type { OpencomEvent } from '@opencom/webhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createReceiver } from './handler';
import { type NodeServer, serveNode } from './serve-node';

const servers: NodeServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

describe('the receiver on Node (serveNode)', () => {
  it('verifies real deliveries from the reference server, and a replay is deduped', async () => {
    const server = createMockServer({ clock: new ManualClock(Date.now()), rateLimits: false });
    const { workspace, credential } = seedDemoWorkspace(server);
    const opencom = new Opencom({
      apiKey: credential.secret,
      baseUrl: 'http://reference.invalid',
      fetch: (input, init) => server.handle(new Request(input, init)),
    });
    const subscription = await opencom.webhooks.create({
      url: 'https://receiver.invalid/hook',
      eventTypes: ['conversation.created'],
      status: 'paused',
    });
    const handled: OpencomEvent[] = [];
    const node = await serveNode(
      createReceiver({ secrets: [subscription.secret], onEvent: (e) => void handled.push(e) }),
    );
    servers.push(node);
    await opencom.webhooks.update(subscription.id, {
      url: `${node.origin}/webhooks/opencom`,
      status: 'active',
    });

    await server.handle(
      new Request('http://reference.invalid/__control/conversations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ workspaceId: workspace.id, channel: 'chat', content: 'Hello?' }),
      }),
    );
    await server.deliveries.idle();
    const [delivery] = (await opencom.webhooks.deliveries.list()).data;
    const replay = await opencom.webhooks.deliveries.replay(delivery?.id ?? '');
    await server.deliveries.idle();

    expect(handled.map((e) => e.type)).toEqual(['conversation.created']);
    expect(delivery?.lastAttempt?.httpStatus).toBe(204);
    expect((await opencom.webhooks.deliveries.get(replay.id)).lastAttempt?.httpStatus).toBe(200);
  });

  it('passes status, headers and body through both ways', async () => {
    const node = await serveNode(async (request) =>
      Response.json(
        { method: request.method, path: new URL(request.url).pathname, body: await request.text() },
        { status: 201, headers: { 'x-echo': request.headers.get('x-test') ?? '' } },
      ),
    );
    servers.push(node);
    const response = await fetch(`${node.origin}/echo`, {
      method: 'POST',
      body: 'raw bytes',
      headers: { 'x-test': 'yes' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-echo')).toBe('yes');
    expect(await response.json()).toEqual({ method: 'POST', path: '/echo', body: 'raw bytes' });
  });
});
