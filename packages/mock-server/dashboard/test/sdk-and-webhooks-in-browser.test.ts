/**
 * `@opencom/sdk` and `@opencom/webhooks` in a real browser (issue #10, "current runtimes"): the
 * esbuild browser bundle runs in Chromium against the reference server over HTTP, and verifies a
 * webhook with Web Crypto.
 */
import type { Opencom } from '@opencom/sdk';
import {
  generateSecret,
  signWebhook,
  type verifyWebhook,
  type verifyWebhookSync,
  type WebhookVerificationError,
} from '@opencom/webhooks';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpServer, startHttpServer } from '../../src/adapters/http';
import { seedDemoWorkspace } from '../../src/control/seed';
import { ManualClock } from '../../src/engine/clock';
import { createMockServer, type MockServer } from '../../src/server';
import { type Browser, launchBrowser } from './browser';
import { bundleToolkit, serveToolkitPage, type ToolkitPage } from './toolkit-page';

declare global {
  interface Window {
    /** Set by the bundle (toolkit-page.ts). */
    toolkit: {
      Opencom: typeof Opencom;
      verifyWebhook: typeof verifyWebhook;
      verifyWebhookSync: typeof verifyWebhookSync;
      WebhookVerificationError: typeof WebhookVerificationError;
    };
  }
}

let server: MockServer;
let http: HttpServer;
let site: ToolkitPage;
let browser: Browser;
let page: Page;
let apiKey: string;

beforeAll(async () => {
  server = createMockServer({
    clock: new ManualClock(Date.now()),
    seed: 42,
    rateLimits: false,
    validateResponses: true,
    control: false,
  });
  apiKey = seedDemoWorkspace(server).credential.secret;
  http = await startHttpServer(server, { port: 0, realTime: false, dashboard: false });
  site = await serveToolkitPage(await bundleToolkit(), http.url);
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.goto(site.url);
  await page.waitForFunction(() => window.toolkit !== undefined);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await http?.close();
  expect(server?.contractViolations ?? [], 'responses that do not match the spec').toEqual([]);
});

/** A GET with the demo key, from Node: what the page's answers are compared with. */
async function api(path: string) {
  const response = await fetch(`${http.url}/api/v1${path}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  expect(response.status).toBe(200);
  return response.json();
}

describe('@opencom/sdk and @opencom/webhooks in Chromium (esbuild browser bundle)', () => {
  it('the SDK reads who it is, iterates every conversation page and sends a message idempotently', async () => {
    const result = await page.evaluate(
      async ({ apiKey, idempotencyKey }) => {
        const opencom = new window.toolkit.Opencom({ apiKey, baseUrl: location.origin, maxRetries: 0 });
        const me = await opencom.me.get();
        const conversations: { id: string; status: string }[] = [];
        // Two a page, so the iterator follows several cursors.
        for await (const { id, status } of opencom.conversations.list({ limit: 2 })) {
          conversations.push({ id, status });
        }
        const open = conversations.find((c) => c.status === 'open');
        if (open === undefined) throw new Error('no open conversation in the demo workspace');
        await opencom.claims.claim(open.id, { leaseSeconds: 60 });
        const send = () =>
          opencom.messages
            .send(open.id, { content: 'Hello from a browser' }, { idempotencyKey })
            .withResponse();
        const first = await send();
        const again = await send();
        return {
          actorName: me.actorName,
          conversationIds: conversations.map((c) => c.id),
          conversationId: open.id,
          messageIds: [first.data.id, again.data.id],
          replayed: [
            first.response.headers.get('idempotent-replayed'),
            again.response.headers.get('idempotent-replayed'),
          ],
          userAgent: navigator.userAgent,
        };
      },
      { apiKey, idempotencyKey: 'browser-send-1' },
    );

    expect(result.userAgent).toContain('Chrome/');
    expect(result.actorName).toBe((await api('/me')).actorName);
    const everything = await api('/conversations?limit=100');
    expect(everything.data.length).toBeGreaterThan(2);
    expect(result.conversationIds).toEqual(everything.data.map((c: { id: string }) => c.id));
    // The same key twice: one message, the second answer replayed from the first.
    expect(result.messageIds[0]).toBe(result.messageIds[1]);
    expect(result.replayed).toEqual([null, 'true']);
    const messages = await api(`/conversations/${result.conversationId}/messages?limit=100`);
    expect(
      messages.data.filter((m: { content: string }) => m.content === 'Hello from a browser'),
    ).toHaveLength(1);
  });

  it('verifyWebhook checks a delivery signed on Node with Web Crypto, and rejects a tampered one', async () => {
    const event = (await api('/events?limit=1')).data[0];
    const body = JSON.stringify(event);
    const secret = generateSecret();
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': event.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': await signWebhook({ id: event.id, timestamp, body, secret }),
    };

    const result = await page.evaluate(
      async ({ body, headers, secret }) => {
        const { verifyWebhook, verifyWebhookSync, WebhookVerificationError } = window.toolkit;
        const reasonOf = async (delivery: string) => {
          try {
            await verifyWebhook({ body: delivery, headers: new Headers(headers), secret });
            return 'accepted';
          } catch (error) {
            return error instanceof WebhookVerificationError ? error.reason : String(error);
          }
        };
        const verified = await verifyWebhook({ body, headers, secret });
        let sync = 'available';
        try {
          verifyWebhookSync({ body, headers, secret });
        } catch (error) {
          sync = error instanceof TypeError ? 'TypeError' : String(error);
        }
        return {
          verified: { id: verified.id, type: verified.type },
          tampered: await reasonOf(body.replace(/}$/, ',"extra":true}')),
          sync,
        };
      },
      { body, headers, secret },
    );

    expect(result.verified).toEqual({ id: event.id, type: event.type });
    expect(result.tampered).toBe('bad_signature');
    // The bundle holds the Web build: no synchronous (node:crypto) path exists in the browser.
    expect(result.sync).toBe('TypeError');
  });
});
