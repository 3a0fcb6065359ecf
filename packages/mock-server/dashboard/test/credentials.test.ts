import { describe, expect, it } from 'vitest';
import { useDashboard } from './harness';

const dashboard = useDashboard();
const KEY = /osk_[A-Za-z0-9]{48}/;

describe('dashboard: credentials', () => {
  it('connects with one "Dashboard" key kept in the tab and reuses it after a reload', async () => {
    const { page, connect, control, workspaceId, screenshot } = await dashboard.start();
    await connect();
    await page.getByRole('rowheader', { name: /Dashboard \(this dashboard\)/ }).waitFor();
    await page.reload();
    await page.getByRole('rowheader', { name: /Dashboard \(this dashboard\)/ }).waitFor();
    const { data } = await control(`GET /credentials?workspaceId=${workspaceId}`);
    expect(data.filter((c: { name: string }) => c.name === 'Dashboard')).toHaveLength(1);
    // The key is used, never shown.
    expect(await page.content()).not.toMatch(KEY);
    await screenshot('credentials');
  });

  it('creates a credential with the scope picker and shows its secret once, with a copy button', async () => {
    const { page, connect, http, screenshot } = await dashboard.start();
    await connect();
    await page.getByLabel('Name', { exact: true }).fill('Support bot');
    await page.getByLabel(/^Actor name/).fill('support-bot');
    const scopes = page.getByRole('group', { name: /^Scopes/ });
    // Every scope of the spec is offered.
    expect(await scopes.getByRole('checkbox').count()).toBe(18);
    await scopes.getByRole('checkbox', { name: 'conversations.read' }).check();
    await scopes.getByRole('checkbox', { name: 'claims.manage' }).check();
    await page.getByRole('button', { name: 'Create credential' }).click();

    const secret = page.getByRole('textbox', { name: 'API key of "Support bot"' });
    const value = await secret.inputValue();
    expect(value).toMatch(KEY);
    await page.getByRole('button', { name: 'Copy API key of "Support bot"' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);
    // The secret is a working key with exactly the chosen scopes.
    const me = await (
      await fetch(`${http.url}/api/v1/me`, { headers: { authorization: `Bearer ${value}` } })
    ).json();
    expect(me).toMatchObject({ name: 'Support bot', actorName: 'support-bot' });
    expect(me.scopes.sort()).toEqual(['claims.manage', 'conversations.read']);
    const row = page.getByRole('row', { name: /Support bot/ });
    await row.getByText('2 scopes').waitFor();
    await row.getByText('active').waitFor();
    await screenshot('credentials-secret');

    // Shown once: not after a reload (the page never stored it).
    await page.reload();
    await page.getByRole('row', { name: /Support bot/ }).waitFor();
    expect(await page.content()).not.toContain(value);
  });

  it('rotates, disables, enables and expires a credential', async () => {
    const { page, connect, http } = await dashboard.start();
    await connect();
    await page.getByLabel('Name', { exact: true }).fill('Sync job');
    await page.getByLabel(/^Actor name/).fill('kb-sync');
    await page.getByRole('button', { name: 'Select all scopes' }).click();
    await page.getByRole('button', { name: 'Create credential' }).click();
    const first = await page.getByRole('textbox', { name: 'API key of "Sync job"' }).inputValue();
    await page.getByRole('button', { name: 'I have stored it, hide it' }).click();
    const row = page.getByRole('row', { name: /Sync job/ });
    await row.getByText('18 scopes').waitFor();

    await row.getByRole('button', { name: 'Rotate Sync job' }).click();
    const second = await page.getByRole('textbox', { name: 'API key of "Sync job"' }).inputValue();
    expect(second).toMatch(KEY);
    expect(second).not.toBe(first);
    const status = async (key: string) =>
      (await fetch(`${http.url}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } })).status;
    expect(await status(first)).toBe(401);
    expect(await status(second)).toBe(200);

    await row.getByRole('button', { name: 'Disable Sync job' }).click();
    await row.getByText('disabled').waitFor();
    expect(await status(second)).toBe(403);
    await row.getByRole('button', { name: 'Enable Sync job' }).click();
    await row.getByText('active').waitFor();
    expect(await status(second)).toBe(200);

    await row.getByRole('button', { name: 'Expire Sync job' }).click();
    await row.getByRole('button', { name: 'Yes, expire "Sync job" now' }).click();
    await row.getByText('expired').waitFor();
    expect(await status(second)).toBe(403);
  });

  it('keeps working after rotating its own key', async () => {
    const { page, connect } = await dashboard.start();
    await connect();
    await page.getByRole('button', { name: 'Rotate Dashboard' }).click();
    await page.getByRole('textbox', { name: 'API key of "Dashboard"' }).waitFor();
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByText('No subscriptions.').waitFor();
    await page.reload();
    await page.getByText('No subscriptions.').waitFor();
  });

  it('goes back to the connect page, saying why, when its own key is disabled', async () => {
    const { page, connect, control, workspaceId } = await dashboard.start();
    await connect();
    const { data } = await control(`GET /credentials?workspaceId=${workspaceId}`);
    const own = data.find((c: { name: string }) => c.name === 'Dashboard');
    await control(`POST /credentials/${own.id}/disable`);
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page
      .getByRole('alert')
      .getByText(/stopped working \(credential_disabled\)/)
      .waitFor();
    await page.getByRole('heading', { level: 1, name: 'Connect the dashboard' }).waitFor();
  });

  it('works with a pasted key on a server without the control API, and says what needs it', async () => {
    const { page, http, botKey } = await dashboard.start({ control: false });
    await page.goto(`${http.url}/dashboard`);
    await page.getByText('This server runs without its control API').waitFor();
    await page.getByLabel('API key').fill(botKey);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.getByText('key Demo key').waitFor();
    await page.getByRole('alert').getByText('runs without its control API, which credentials').waitFor();
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByText('No subscriptions.').waitFor();
  });
});
