import { describe, expect, it } from 'vitest';
import { useDashboard } from './harness';

const dashboard = useDashboard();

describe('dashboard: event stream and conversations', () => {
  it('streams an event after a simulated visitor message, shows its payload on click, and filters by type', async () => {
    const d = await dashboard.start();
    const { page, control, workspaceId } = d;
    await d.connect();
    await page.getByRole('link', { name: 'Event stream' }).click();
    await page.getByText('Following the feed. 0 events shown.').waitFor();

    await control('POST /conversations', { workspaceId, channel: 'chat', content: 'My invoice is wrong' });
    const events = page.getByRole('list', { name: 'Events, newest first' });
    const message = events.getByRole('listitem').filter({ hasText: 'message.created' });
    await message.waitFor();
    await events.getByRole('listitem').filter({ hasText: 'conversation.created' }).waitFor();

    const payload = message.getByRole('region', { name: /^Payload of event evt_/ });
    expect(await payload.isVisible()).toBe(false);
    await message.locator('summary').click();
    await payload.waitFor();
    const shown = JSON.parse((await payload.textContent()) ?? '');
    expect(shown).toMatchObject({
      type: 'message.created',
      workspaceId,
      resource: { type: 'message' },
      data: { content: 'My invoice is wrong' },
    });
    await d.screenshot('events');

    // Filtered on the server: the stream restarts with `types`.
    await page.getByLabel('Event type').selectOption('conversation.created');
    await events.getByRole('listitem').filter({ hasText: 'conversation.created' }).waitFor();
    expect(await events.getByRole('listitem').filter({ hasText: 'message.created' }).count()).toBe(0);
    await control('POST /conversations', { workspaceId, channel: 'email', content: 'Second one' });
    await page.getByText('Following the feed. 2 events shown.').waitFor();
    await page.getByRole('button', { name: 'Clear filter' }).click();
    await events.getByRole('listitem').filter({ hasText: 'message.created' }).nth(1).waitFor();
  });

  it('shows who holds each claim, the lease left by the server clock, and the AI state', async () => {
    const d = await dashboard.start();
    const { page, api, control } = d;
    await d.connect();
    const { data } = await api('GET /conversations?status=open&limit=1');
    const conversation = data[0];
    await api(`POST /conversations/${conversation.id}/claim`, { leaseSeconds: 300 });
    await control(`POST /conversations/${conversation.id}/human-request`, { reason: 'Wants a refund' });

    await page.getByRole('link', { name: 'Conversations' }).click();
    const row = page.getByRole('row').filter({ hasText: conversation.id });
    await row.waitFor();
    // Newest first, as the API lists them.
    const open = await api('GET /conversations?status=open&limit=100');
    const shown = await page
      .getByRole('table', { name: /^Conversations/ })
      .locator('tbody th .muted')
      .allTextContents();
    expect(shown).toEqual(open.data.map((c: { id: string }) => c.id));
    expect(shown.length).toBeGreaterThan(1);
    await row.getByRole('cell', { name: 'demo-bot' }).waitFor();
    await row.getByText(/^[45] min \d\d s left/).waitFor();
    await row.getByText('until 2026-01-01 09:05:00').waitFor();
    await row.getByText('handoff').waitFor();
    await row.getByText('Wants a refund').waitFor();
    await d.screenshot('conversations');

    // The lease runs out on the server's clock: the page follows it.
    await control('POST /clock/advance', { ms: 301_000 });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await row.getByRole('cell', { name: 'unclaimed' }).waitFor();

    // A visitor writes again, from the page's simulation form.
    const form = page.getByRole('form', { name: 'Simulate a visitor message' });
    await form.getByLabel('Conversation').selectOption(conversation.id);
    await form.getByLabel('Message').fill('Anyone there?');
    await form.getByRole('button', { name: 'Send as the visitor' }).click();
    await row.getByText('Anyone there?').waitFor();
  });
});
