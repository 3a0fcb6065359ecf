import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runDemo } from './run-demo';

/** The lines that tell the story, in the order they must come (other lines may sit between them). */
const STORY = [
  'Opencom demo: the reference server in-process, a claim bot and a webhook receiver',
  '1. Priya Raman writes: "I asked for a password reset link twice but the email never arrives."',
  "  bot      claimed Priya Raman's conversation (lease 60 s)",
  `  bot      answered Priya Raman's conversation with "Reset your password" (https://help.example.com/articles/reset-your-password, score 9.38)`,
  "  bot      released Priya Raman's conversation",
  '  receiver ✓ verified message.created: Priya Raman wrote',
  '  receiver ✓ verified message.created: demo-bot replied to Priya Raman',
  '2. Marcus Chen writes: "Can I talk to a human about our last invoice?"',
  `  bot      escalated Marcus Chen's conversation: the visitor asked for a human ("human")`,
  "  receiver ✓ verified conversation.escalated: Marcus Chen's conversation went to a human",
  '3. Tomás Herrera writes: "Any news on order 2291?"',
  "  bot      skipped Tomás Herrera's conversation: held by triage-bot",
  '4. Lena Fischer writes: "Do you have a dark mode for the dashboard?"',
  "  bot      escalated Lena Fischer's conversation: no knowledge-base article matches the question",
  '  receiver ✗ conversation.escalated: the help desk is down, answered HTTP 500 (not acknowledged)',
  '  server   conversation.escalated attempt 1 of 3 got HTTP 500; retrying in 1 s',
  '  receiver ✗ conversation.escalated: the help desk is down, answered HTTP 500 (not acknowledged)',
  '  server   conversation.escalated attempt 2 of 3 got HTTP 500; retrying in 2 s',
  '  receiver ✗ conversation.escalated: the help desk is down, answered HTTP 500 (not acknowledged)',
  '  server   conversation.escalated attempt 3 of 3 got HTTP 500; no attempts left: the delivery ended failed',
  '  operator the help desk is back; replays the failed delivery',
  "  receiver ✓ verified conversation.escalated: Lena Fischer's conversation went to a human",
  '  receiver   its webhook-id failed here before and was never acknowledged: not a duplicate',
  '  server   replay succeeded (HTTP 204), linked to the delivery it replays',
  '  operator replays it once more',
  '  receiver = a redelivery of an event handled already: ignored, deduped on webhook-id (HTTP 200)',
  '  server   replay succeeded (HTTP 200), linked to the delivery it replays',
];

/** Each story line, in order, at the start of some line of the output. */
function expectStory(lines: readonly string[]) {
  let at = 0;
  for (const expected of STORY) {
    const found = lines.findIndex((line, i) => i >= at && line.startsWith(expected));
    expect(found, `"${expected}" after line ${at} of:\n${lines.join('\n')}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
}

describe('the demo (pnpm demo)', () => {
  it('tells claims, replies, escalations, verified deliveries, a delivery that fails every attempt, its accepted replay and a deduped one; exits 0', async () => {
    const lines: string[] = [];
    const exitCode = await runDemo({ write: (line) => lines.push(line) });

    expect(exitCode).toBe(0);
    expectStory(lines);
    // The excerpt in the README's "See it work" is real output.
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    const excerpt = readme.split('## See it work')[1]?.split('```')[3] ?? '';
    const shown = excerpt.split('\n').filter((line) => line.trim() !== '' && line !== '…');
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.filter((line) => !lines.includes(line))).toEqual([]);
    expect(lines.at(-1)).toMatch(
      /^Done in \d+\.\d s: 1 answered from the knowledge base, 2 escalated to a human, 1 skipped; 7 webhook deliveries verified, 3 answered HTTP 500, 1 duplicate ignored\.$/,
    );
  });

  it('tells the same story on every run (only the duration differs)', async () => {
    const run = async () => {
      const lines: string[] = [];
      await runDemo({ write: (line) => lines.push(line) });
      return lines.map((line) => line.replace(/^Done in [\d.]+ s/, 'Done in N s'));
    };
    expect(await run()).toEqual(await run());
  });

  it('runs as a process that exits 0 on its own within seconds', () => {
    const cwd = fileURLToPath(new URL('../..', import.meta.url));
    const started = performance.now();
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/demo/main.ts'], {
      cwd,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const seconds = (performance.now() - started) / 1000;

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expectStory(result.stdout.trimEnd().split('\n'));
    // Generous for a busy CI machine; typically about 5 s, most of it compiling TypeScript on the fly.
    expect(seconds).toBeLessThan(30);
  }, 60_000);
});
