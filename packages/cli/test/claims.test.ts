import { Opencom } from '@opencom/sdk';
import { assert, describe, expect, it } from 'vitest';
import { formatTime } from '../src/output/format';
import { createKey, runCli, runJson, spawnCli, startServer, type TestServer } from './support';

// The test server's clock starts at 2026-01-01 00:00:00Z and then runs with real time (the HTTP
// adapter's default), so expiries are checked against what the server stored, not as constants.

const client = (t: TestServer, apiKey = t.apiKey) => new Opencom({ apiKey, baseUrl: t.url, maxRetries: 0 });

async function openConversation(t: TestServer): Promise<string> {
  const page = await client(t).conversations.list({ status: 'open', automationEligible: true, limit: 1 });
  const [conversation] = page.data;
  assert(conversation, 'the demo workspace has an open conversation');
  return conversation.id;
}

/** Moves the server's clock through the control API, running what falls due (lease expiry). */
async function advanceClock(t: TestServer, ms: number): Promise<void> {
  const response = await fetch(`${t.url}/__control/clock/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ms }),
  });
  expect(response.status).toBe(200);
}

// biome-ignore lint/suspicious/noExplicitAny: the events are parsed JSON
type HoldEvent = any;
const ndjson = (text: string): HoldEvent[] =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));

/** Waits until `hold` has printed an event that matches (it prints one per renewal). */
async function waitForEvent(hold: ReturnType<typeof spawnCli>, matches: (event: HoldEvent) => boolean) {
  for (;;) {
    const found = ndjson(hold.output.stdout).find(matches);
    if (found) return found;
    // Wakes on the next chunk of output (anything longer than what there is now).
    await hold.output.waitFor(new RegExp(`^[\\s\\S]{${hold.output.stdout.length + 1}}`));
  }
}

const claimRow = (t: TestServer, conversationId: string) =>
  [...t.server.store.claims.values()].filter((claim) => claim.conversationId === conversationId).at(-1);

describe('opencom claims claim|renew|release|escalate', () => {
  it('claim prints the holder and the lease expiry; the conversation shows the claim', async () => {
    const t = await startServer();
    const id = await openConversation(t);
    const { code, stdout, stderr } = await runCli(['claims', 'claim', id, '--lease', '90s'], { env: t.env });
    expect(code).toBe(0);
    const stored = claimRow(t, id);
    assert(stored, 'the claim is stored');
    expect(stored.expiresAt - stored.createdAt).toBe(90_000);
    const until = formatTime(stored.expiresAt);
    expect(until).toMatch(/^2026-01-01 00:01:3\dZ$/);
    expect(stdout).toMatch(/^holder\s+demo-bot \(cred_\w+\)$/m);
    expect(stdout).toMatch(/^lease\s+1m 30s$/m);
    expect(stdout).toContain(`expires       ${until}\n`);
    expect(stderr).toBe(`✓ Claimed ${id} as demo-bot until ${until}\n`);
    const conversation = await client(t).conversations.get(id);
    expect(conversation.claim).toMatchObject({ actorName: 'demo-bot', expiresAt: stored.expiresAt });

    const renewed = await runCli(['claims', 'renew', id], { env: t.env });
    expect(renewed.code).toBe(0);
    expect(renewed.stdout).toMatch(/^lease\s+1m 30s$/m);
    expect(renewed.stderr).toBe(`✓ Renewed ${id} until ${formatTime(claimRow(t, id)?.expiresAt)}\n`);
  });

  it('--json prints the claim; renew extends it from the server clock, release ends it', async () => {
    const t = await startServer();
    const id = await openConversation(t);
    const claim = await runJson(['claims', 'claim', id], { env: t.env });
    // Without --lease the server's default applies: five minutes.
    expect(claim).toMatchObject({ conversationId: id, status: 'active', leaseSeconds: 300 });
    expect(claim.expiresAt - claim.createdAt).toBe(300_000);

    await advanceClock(t, 240_000);
    const renewed = await runJson(['claims', 'renew', id, '--lease', '2m'], { env: t.env });
    // Two minutes from the server's now, which is four minutes (and a little real time) later.
    expect(renewed).toMatchObject({ claimId: claim.claimId, leaseSeconds: 120 });
    expect(renewed.expiresAt).toBeGreaterThanOrEqual(claim.createdAt + 240_000 + 120_000);

    const released = await runCli(['claims', 'release', id], { env: t.env });
    expect(released.code).toBe(0);
    expect(released.stdout).toMatch(/^status\s+released$/m);
    expect(released.stderr).toBe(`✓ Released ${id}\n`);
    expect((await client(t).conversations.get(id)).claim).toBeNull();
  });

  it('release --json prints the ended claim; escalate --reason hands the conversation to a human', async () => {
    const t = await startServer();
    const id = await openConversation(t);
    await client(t).claims.claim(id);
    const released = await runJson(['claims', 'release', id], { env: t.env });
    expect(released).toMatchObject({ conversationId: id, status: 'released', endedAt: expect.any(Number) });

    await client(t).claims.claim(id);
    const escalated = await runCli(['claims', 'escalate', id, '--reason', 'Chargeback: needs a human'], {
      env: t.env,
    });
    expect(escalated.code).toBe(0);
    expect(escalated.stdout).toMatch(/^status\s+escalated$/m);
    expect(escalated.stderr).toBe(`✓ Escalated ${id} to a human: Chargeback: needs a human\n`);
    const conversation = await client(t).conversations.get(id);
    expect(conversation).toMatchObject({
      claim: null,
      aiWorkflowState: 'handoff',
      aiHandoffReason: 'Chargeback: needs a human',
      automationEligible: false,
    });
  });

  it('a conversation claimed by another key exits 4 and names the holder and its expiry', async () => {
    const t = await startServer();
    const id = await openConversation(t);
    const other = await createKey(t, ['claims.manage'], 'Other bot');
    await client(t, other.secret).claims.claim(id, { leaseSeconds: 60 });
    const { code, stdout, stderr } = await runCli(['claims', 'claim', id], { env: t.env });
    expect(code).toBe(4);
    expect(stdout).toBe('');
    const until = formatTime(claimRow(t, id)?.expiresAt);
    expect(stderr).toMatch(
      new RegExp(
        `^opencom: ${id} is claimed by other-bot until ${until} \\(claim_conflict, request req_\\w+\\)\\n$`,
      ),
    );
  });

  it('an unknown conversation exits 3; a key without claims.manage exits 6', async () => {
    const t = await startServer();
    const missing = await runCli(['claims', 'claim', 'conv_nope'], { env: t.env });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^opencom: .*\(not_found, request req_\w+\)\n$/);

    const reader = await createKey(t, ['conversations.read'], 'Reader');
    const forbidden = await runCli(['claims', 'claim', await openConversation(t)], {
      env: { ...t.env, OPENCOM_API_KEY: reader.secret },
    });
    expect(forbidden.code).toBe(6);
    expect(forbidden.stderr).toMatch(/insufficient_scope/);
    expect(forbidden.stderr).toMatch(/claims\.manage/);
  });

  it('--lease outside 30s-15m, or not whole seconds, is a usage error before any request', async () => {
    const t = await startServer();
    const id = await openConversation(t);
    for (const lease of ['10s', '16m', '45500ms']) {
      const { code, stderr } = await runCli(['claims', 'claim', id, '--lease', lease], { env: t.env });
      expect(code).toBe(2);
      expect(stderr).toMatch(/--lease <duration>.*a lease is/);
    }
    expect(claimRow(t, id)).toBeUndefined();
  });
});

describe('opencom claims hold', () => {
  it('holds the lease until SIGINT, then releases the claim and exits 0', async () => {
    const t = await startServer();
    const id = await openConversation(t);
    const hold = spawnCli(['claims', 'hold', id, '--lease', '30s'], { env: t.env });
    const [line] = await hold.output.waitFor(/^Holding .*$/m);
    await hold.output.waitFor(/Press Ctrl-C to release it\./, 'stderr');
    const held = claimRow(t, id);
    assert(held, 'the claim is stored');
    expect(held.status).toBe('active');
    expect(line).toBe(
      `Holding ${id} as demo-bot until ${formatTime(held.expiresAt)} (lease 30s, renewing every 15s)`,
    );

    hold.kill('SIGINT');
    await hold.output.exited;
    expect(hold.output.result().code).toBe(0);
    expect(hold.output.stderr).toContain(`✓ Released ${id}`);
    expect(claimRow(t, id)?.status).toBe('released');
    expect((await client(t).conversations.get(id)).claim).toBeNull();
  });

  it('--json streams NDJSON: acquired, renewed (with the new expiry), then escalated on SIGTERM', async () => {
    const t = await startServer();
    const id = await openConversation(t);
    // The session renews on the CLI's real clock, so this test waits for one renewal: --renew-every 1s
    // (its minimum) with the shortest lease the API allows keeps that wait to about a second.
    const hold = spawnCli(
      [
        'claims',
        'hold',
        id,
        '--lease',
        '30s',
        '--renew-every',
        '1s',
        '--escalate-on-exit',
        'Bot stopped',
        '--json',
      ],
      {
        env: t.env,
      },
    );
    await hold.output.waitFor(/"event":"acquired"/);
    const acquired = ndjson(hold.output.stdout)[0];
    // Five seconds later on the server's clock: a renewal from then on runs the lease from there.
    await advanceClock(t, 5_000);
    await waitForEvent(
      hold,
      (e) => e.event === 'renewed' && e.claim.expiresAt >= acquired.claim.expiresAt + 5_000,
    );
    hold.kill('SIGTERM');
    await hold.output.exited;
    expect(hold.output.result().code).toBe(0);

    const events = ndjson(hold.output.stdout);
    expect(events[0]).toMatchObject({
      event: 'acquired',
      claim: { conversationId: id, status: 'active', leaseSeconds: 30 },
    });
    expect(events[1]).toMatchObject({
      event: 'renewed',
      claim: { claimId: acquired.claim.claimId, status: 'active' },
    });
    expect(events.at(-1)).toMatchObject({ event: 'escalated', claim: { status: 'escalated' } });
    expect(events.slice(1, -1).every((event) => event.event === 'renewed')).toBe(true);
    expect(await client(t).conversations.get(id)).toMatchObject({
      aiWorkflowState: 'handoff',
      aiHandoffReason: 'Bot stopped',
    });
  });

  it('exits 7 with the reason on stderr when the server lets the lease lapse', async () => {
    const t = await startServer();
    const id = await openConversation(t);
    const hold = spawnCli(['claims', 'hold', id, '--lease', '30s', '--renew-every', '1s', '--json'], {
      env: t.env,
    });
    await hold.output.waitFor(/"event":"acquired"/);
    // Past the lease on the server's clock: the server expires the claim and another key takes it,
    // so the next renewal (within a second, on the CLI's clock) is refused.
    await advanceClock(t, 31_000);
    const other = await createKey(t, ['claims.manage'], 'Other bot');
    await client(t, other.secret).claims.claim(id);
    await hold.output.exited;

    const { code, stdout, stderr } = hold.output.result();
    expect(code).toBe(7);
    expect(stderr).toMatch(
      new RegExp(`^opencom: lost the claim on ${id}: the server answered claim_(expired|conflict)`, 'm'),
    );
    const lost = ndjson(stdout).at(-1);
    expect(lost).toMatchObject({
      event: 'lost',
      conversationId: id,
      code: expect.stringMatching(/^claim_(expired|conflict)$/),
    });
    expect((await client(t).conversations.get(id)).claim?.actorName).toBe('other-bot');
  });

  it('a conversation claimed by someone else exits 4 without holding anything', async () => {
    const t = await startServer();
    const id = await openConversation(t);
    const other = await createKey(t, ['claims.manage'], 'Other bot');
    await client(t, other.secret).claims.claim(id);
    const { code, stdout, stderr } = await runCli(['claims', 'hold', id, '--json'], { env: t.env });
    expect(code).toBe(4);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/is claimed by other-bot until 2026-01-01 00:05:\d\dZ \(claim_conflict/);
  });

  it('--renew-every must be at least 1s and shorter than the lease', async () => {
    const t = await startServer();
    const id = await openConversation(t);
    const tooFast = await runCli(['claims', 'hold', id, '--renew-every', '500ms'], { env: t.env });
    expect(tooFast.code).toBe(2);
    expect(tooFast.stderr).toMatch(/renew at most once a second/);
    const tooSlow = await runCli(['claims', 'hold', id, '--lease', '30s', '--renew-every', '30s'], {
      env: t.env,
    });
    expect(tooSlow.code).toBe(2);
    expect(tooSlow.stderr).toBe('opencom: --renew-every must be shorter than the lease\n');
    expect(claimRow(t, id)).toBeUndefined();
  });
});
