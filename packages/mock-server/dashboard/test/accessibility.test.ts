import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useDashboard } from './harness';

const dashboard = useDashboard();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical findings on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const { violations, passes } = await page.evaluate(async () => {
    type Results = { violations: Violation[]; passes: unknown[] };
    const axe = (globalThis as unknown as { axe: { run(): Promise<Results> } }).axe;
    const results = await axe.run();
    return { violations: results.violations, passes: results.passes.length };
  });
  // axe really ran its rules on the page (a broken injection would find nothing either).
  expect(passes).toBeGreaterThan(10);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The focused element as `role "accessible name"`, from Playwright's ARIA snapshot of it. */
async function focused(page: Page): Promise<string> {
  const line = (await page.locator(':focus').ariaSnapshot()).split('\n')[0] ?? '';
  // `- link "Webhooks":` (children follow), `- button "Refresh"`, `- text: 18 scopes` (a <summary>)
  const match = /^- (\w+)(?: "(.*)")?:?(?: (.*))?$/.exec(line);
  return `${match?.[1] ?? '?'} "${match?.[2] ?? match?.[3] ?? ''}"`;
}

/** Presses Tab `count` times, or until `until` has focus, and returns what got focus each time. */
async function tabStops(page: Page, count: number, until?: string): Promise<string[]> {
  const stops: string[] = [];
  while (stops.length < count && (until === undefined || stops.at(-1) !== until)) {
    await page.keyboard.press('Tab');
    stops.push(await focused(page));
  }
  return stops;
}

describe('dashboard: accessibility', () => {
  it('has no serious axe-core violations on any page', async () => {
    const d = await dashboard.start();
    const { page, receiver, control, workspaceId } = d;
    await page.goto(`${d.http.url}/dashboard`);
    await page.getByRole('heading', { level: 1, name: 'Connect the dashboard' }).waitFor();
    expect(await seriousViolations(page), 'connect page').toEqual([]);
    await d.screenshot('connect');
    await d.connect();

    // Some content on every page: a subscription, a delivery, events.
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByLabel('URL').fill(receiver.url);
    await page.getByRole('button', { name: 'Create subscription' }).click();
    await control('POST /conversations', { workspaceId, channel: 'chat', content: 'Hello' });

    for (const [link, heading] of [
      ['Credentials', 'Credentials'],
      ['Webhooks', 'Webhooks'],
      ['Delivery log', 'Delivery log'],
      ['Event stream', 'Event stream'],
      ['Conversations', 'Conversations'],
    ] as const) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.getByText('(loading…)').waitFor({ state: 'hidden' });
      expect(await seriousViolations(page), heading).toEqual([]);
    }
    await page.getByRole('link', { name: 'Delivery log' }).click();
    await page
      .getByRole('table', { name: /^Deliveries/ })
      .getByRole('link')
      .first()
      .click();
    await page.getByRole('table', { name: /^Attempts of/ }).waitFor();
    expect(await seriousViolations(page), 'delivery detail').toEqual([]);
  });

  it('reaches the main controls with Tab, each with a name, and opens pages with the keyboard', async () => {
    const d = await dashboard.start();
    const { page } = d;
    await d.connect();
    // From the top of the document, as after loading the page.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Credentials' }).waitFor();
    const stops = await tabStops(page, 12);
    expect(stops.slice(0, 8)).toEqual([
      'button "Skip to the page"',
      'combobox "Auto-refresh"',
      'button "Switch workspace or key"',
      'link "Credentials"',
      'link "Webhooks"',
      'link "Delivery log"',
      'link "Event stream"',
      'link "Conversations"',
    ]);
    // Then the page's own controls, each with a name.
    expect(stops).toContain('button "Rotate Demo key"');
    for (const stop of stops) expect(stop).toMatch(/^\w+ "[^"]+"$/);

    // Enter on a link opens its page and moves focus to the page's heading.
    await page.getByRole('link', { name: 'Webhooks' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    // Focus moves after the heading renders; poll rather than race the render.
    await expect.poll(() => focused(page)).toBe('heading "Webhooks"');

    // The create form works from the keyboard alone: type the URL, tab on to the submit button.
    await page.getByLabel('URL').focus();
    await page.keyboard.type(d.receiver.url);
    const more = await tabStops(page, 80, 'button "Create subscription"');
    expect(more).toContain('checkbox "message.created"');
    expect(more).toContain('button "Clear event types"');
    expect(more.at(-1)).toBe('button "Create subscription"');
    for (const stop of more) expect(stop).toMatch(/^\w+ "[^"]+"$/);
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: `Signing secret of ${d.receiver.url}` }).waitFor();
  });
});
