import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type Dashboard, useDashboard } from './harness';

const dashboard = useDashboard();

/** Subscribes the receiver through the Webhooks page and returns the signing secret it showed once. */
async function subscribe({ page, receiver }: Dashboard, eventType?: string): Promise<string> {
  await page.getByRole('link', { name: 'Webhooks' }).click();
  await page.getByLabel('URL').fill(receiver.url);
  if (eventType) {
    await page
      .getByRole('group', { name: /^Event types/ })
      .getByRole('checkbox', { name: eventType })
      .check();
  }
  await page.getByRole('button', { name: 'Create subscription' }).click();
  const secret = await page.getByRole('textbox', { name: `Signing secret of ${receiver.url}` }).inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  receiver.secrets = [secret];
  return secret;
}

/** The first row of the delivery log that mentions `text`. */
const logRow = (page: Page, text: string | RegExp) =>
  page
    .getByRole('table', { name: /^Deliveries/ })
    .getByRole('row')
    .filter({ hasText: text })
    .first();

describe('dashboard: webhooks and the delivery log', () => {
  it('shows a failing delivery with its attempts, then replays it to success, linked to the original', async () => {
    const d = await dashboard.start();
    const { page, receiver, control, workspaceId } = d;
    await d.connect();
    await page.getByLabel('Auto-refresh').selectOption('2000');
    await subscribe(d, 'message.created');

    receiver.fallback = { status: 500, body: 'receiver is down' };
    await control('POST /conversations', { workspaceId, channel: 'chat', content: 'Where is my order?' });
    await page.getByRole('link', { name: 'Delivery log' }).click();
    const row = logRow(page, 'message.created');
    await row.getByText('retrying').waitFor();
    await row.getByText('1 of 2').waitFor();
    await row.getByText('HTTP 500').waitFor();
    await row.getByText('2026-01-01 09:01:00').waitFor(); // next retry: a minute later
    const original = (await row.getByRole('rowheader').textContent()) ?? '';
    expect(original).toMatch(/^dlv_/);

    await row.getByRole('link', { name: original }).click();
    const detail = page.getByRole('region', { name: `Delivery ${original}` });
    const attempts = detail.getByRole('table', { name: `Attempts of ${original}` });
    await attempts.getByRole('row', { name: /^1 .*failed 500 .*receiver is down/ }).waitFor();

    // The retry falls due: it fails too, and the delivery is final.
    await control('POST /clock/advance', { ms: 60_000 });
    await attempts.getByRole('row', { name: /^2 .*failed 500/ }).waitFor();
    await detail.getByText(/failed \(2 of 2 attempts\)/).waitFor();
    await d.screenshot('delivery-failed');

    // Filters narrow the log and can be cleared.
    await page.getByLabel('Status').selectOption('succeeded');
    await page.getByText('No deliveries match.').waitFor();
    await page.getByLabel('Status').selectOption('failed');
    await logRow(page, original).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    expect(await page.getByLabel('Status').inputValue()).toBe('');

    receiver.fallback = { status: 200, body: 'ok' };
    await detail.getByRole('button', { name: `Replay ${original}` }).click();
    const announced = page.getByRole('status').filter({ hasText: `Replayed ${original} as dlv_` });
    const replay = /as (dlv_\w+)/.exec((await announced.textContent()) ?? '')?.[1] ?? '';
    await detail.getByRole('link', { name: replay }).waitFor();
    await detail.getByRole('listitem').filter({ hasText: replay }).getByText('succeeded').waitFor();

    // The new chain: its own delivery, succeeded, linked back to the original.
    await detail.getByRole('link', { name: replay }).click();
    const replayed = page.getByRole('region', { name: `Delivery ${replay}` });
    await replayed.getByRole('link', { name: original }).waitFor();
    await replayed
      .getByRole('table', { name: `Attempts of ${replay}` })
      .getByRole('row', { name: /^1 .*succeeded 200 .*ok/ })
      .waitFor();
    await logRow(page, replay).getByRole('link', { name: original }).waitFor();
    await d.screenshot('deliveries');

    // The receiver saw the same event three times, each signed with the secret shown once.
    expect(receiver.received.map((r) => r.error)).toEqual([null, null, null]);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
  });

  it('sends a test, replays every failed delivery since a time, pauses, edits and clears filters, rotates and deletes', async () => {
    const d = await dashboard.start();
    const { page, receiver, control } = d;
    await d.connect();
    await page.getByLabel('Auto-refresh').selectOption('2000');
    await subscribe(d);
    const subscription = page
      .getByRole('table', { name: /^Subscriptions/ })
      .getByRole('row')
      .filter({ hasText: receiver.url });
    await subscription.getByText('every type').waitFor();

    receiver.fallback = { status: 503, body: 'try later' };
    await subscription.getByRole('button', { name: `Send test to ${receiver.url}` }).click();
    await page
      .getByText(/Test delivery dlv_\w+ queued/)
      .first()
      .waitFor();
    await control('POST /clock/advance', { ms: 60_000 });
    await page.getByRole('link', { name: 'Delivery log' }).click();
    await logRow(page, 'webhook.test').getByText('failed').waitFor();

    receiver.fallback = { status: 200, body: 'ok' };
    const form = page.getByRole('form', { name: 'Replay failed deliveries' });
    // An hour before the server's time (as last read: the page re-reads the clock every 5 s).
    expect(await form.getByLabel(/^Failed since/).inputValue()).toMatch(/^2026-01-01T08:0[01]$/);
    await form.getByRole('button', { name: 'Replay failed deliveries' }).click();
    await form.getByText(/^New deliveries: dlv_\w+\.$/).waitFor();
    await page.getByRole('status').filter({ hasText: 'Replayed 1 failed delivery.' }).waitFor();
    await logRow(page, /webhook\.test.*succeeded/).waitFor();

    await page.getByRole('link', { name: 'Webhooks' }).click();
    await subscription.getByRole('button', { name: `Pause ${receiver.url}` }).click();
    await subscription.getByText('paused', { exact: true }).waitFor();
    await page.getByLabel('Status').selectOption('active');
    await page.getByText('No subscriptions with status active.').waitFor();
    await page.getByRole('button', { name: 'Clear filter' }).click();
    await subscription.getByRole('button', { name: `Resume ${receiver.url}` }).click();
    await subscription.getByText('active', { exact: true }).waitFor();

    await subscription.getByRole('button', { name: `Edit filters of ${receiver.url}` }).click();
    const edit = page.getByRole('form', { name: `Filters of ${receiver.url}` });
    await edit
      .getByRole('group', { name: /^Event types/ })
      .getByRole('checkbox', { name: 'conversation.created' })
      .check();
    await edit
      .getByRole('group', { name: /^Channels/ })
      .getByRole('checkbox', { name: 'email' })
      .check();
    await edit.getByRole('button', { name: 'Save filters' }).click();
    await subscription.getByText('conversation.created').waitFor();
    await subscription.getByRole('button', { name: `Edit filters of ${receiver.url}` }).click();
    await edit.getByRole('button', { name: 'Clear all filters' }).click();
    await subscription.getByText('every type').waitFor();
    await subscription.getByText('every channel').waitFor();

    await subscription.getByRole('button', { name: `Rotate secret of ${receiver.url}` }).click();
    const rotated = page.getByRole('textbox', { name: `New signing secret of ${receiver.url}` });
    expect(await rotated.inputValue()).toMatch(/^whsec_/);
    await page
      .getByText('The previous secret keeps signing alongside it until 2026-01-02 09:01:00.')
      .waitFor();
    await d.screenshot('webhooks');

    await subscription.getByRole('button', { name: `Delete ${receiver.url}` }).click();
    await subscription.getByRole('button', { name: `Yes, delete ${receiver.url}` }).click();
    await page.getByText('No subscriptions.').waitFor();
  });
});
