import { ManualClock } from '@opencom/mock-server';
import { describe, expect, it } from 'vitest';
import { createCollection, startReceiver } from './events-support';
import { runCli, runJson, startServer, type TestServer } from './support';

/** Runs independent commands at once (each is its own process). */
const runAll = (ts: TestServer, ...commands: string[][]) =>
  Promise.all(commands.map((args) => runCli(args, { env: ts.env })));

const create = (ts: TestServer, url: string, ...flags: string[]) =>
  runJson(['webhooks', 'create', '--url', url, ...flags], { env: ts.env });

// Each case runs the built binary several times; a loaded machine needs more than the default 5 s.
describe('opencom webhooks', { timeout: 20_000 }, () => {
  it('create prints the signing secret once, with a hint; list and get never show it', async () => {
    const ts = await startServer();
    const created = await runCli(
      [
        'webhooks',
        'create',
        '--url',
        'https://hooks.example.com/a',
        '--events',
        'message.created,conversation.claimed',
        '--channels',
        'chat',
        '--description',
        'Order sync',
      ],
      { env: ts.env },
    );
    expect(created.code).toBe(0);
    const secret = /Signing secret: (whsec_\S+)/.exec(created.stdout)?.[1];
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.stdout).toMatch(/events\s+message\.created, conversation\.claimed/);
    expect(created.stdout).toMatch(/channels\s+chat/);
    expect(created.stderr).toMatch(/✓ Created webhook whk_\S+ → https:\/\/hooks\.example\.com\/a/);
    expect(created.stderr).toContain('it is not shown again');
    const id = /id\s+(whk_\S+)/.exec(created.stdout)?.[1] ?? '';

    const json = await create(
      ts,
      'https://hooks.example.com/b',
      '--resource-types',
      'article,collection',
      '--paused',
    );
    expect(json).toMatchObject({
      url: 'https://hooks.example.com/b',
      resourceTypes: ['article', 'collection'],
      status: 'paused',
    });
    expect(json.secret).toMatch(/^whsec_/);

    const [list, listJson, shown, shownJson] = await Promise.all(
      [['list'], ['list', '--json', '--status', 'paused'], ['get', id], ['get', id, '--json']].map((args) =>
        runCli(['webhooks', ...args], { env: ts.env }),
      ),
    );
    for (const result of [list, listJson, shown, shownJson]) {
      expect(result?.code).toBe(0);
      expect(result?.stdout).not.toContain(secret);
      expect(result?.stdout).not.toContain(json.secret);
      expect(result?.stdout).not.toContain('"secret"');
    }
    expect(list?.stdout).toMatch(/^ID\s+URL\s+STATUS\s+EVENTS/);
    expect(list?.stdout).toMatch(
      new RegExp(`${id}\\s+https://hooks.example.com/a\\s+active\\s+message.created, conversation.claimed`),
    );
    expect(list?.stdout).toMatch(/paused\s+all/);
    expect(JSON.parse(listJson?.stdout ?? '').data.map((w: { id: string }) => w.id)).toEqual([json.id]);
    expect(shown?.stdout).toMatch(/secret\s+whsec_\S{8}… \(shown only at creation and rotation\)/);
  });

  it('create checks event types, resource types and channels against the spec before any request', async () => {
    const ts = await startServer();
    const url = 'https://h.example.com';
    const [unknownType, unknownChannel, noUrl, badUrl] = await runAll(
      ts,
      ['webhooks', 'create', '--url', url, '--events', 'message.created,message.sent'],
      ['webhooks', 'create', '--url', url, '--channels', 'sms'],
      ['webhooks', 'create'],
      ['webhooks', 'create', '--url', 'ftp://h.example.com'],
    );
    expect(unknownType).toMatchObject({ code: 2 });
    expect(unknownType?.stderr).toContain(
      'unknown event type message.sent; expected any of: article.archived',
    );
    expect(unknownChannel).toMatchObject({ code: 2 });
    expect(unknownChannel?.stderr).toContain('unknown channel sms; expected any of: chat, email');
    expect(noUrl).toMatchObject({ code: 2 });
    expect(noUrl?.stderr).toContain("required option '--url <url>' not specified");
    expect(badUrl).toMatchObject({ code: 2 });
    expect(badUrl?.stderr).toMatch(/^opencom: .*\(validation_failed, request req_\S+\)$/m);
    expect(await runJson(['webhooks', 'list'], { env: ts.env })).toMatchObject({ data: [] });
  });

  it('update pauses, resumes, changes and clears filters; an unknown id exits 3', async () => {
    const ts = await startServer();
    const { id } = await create(ts, 'https://hooks.example.com/a', '--events', 'message.created');
    const paused = await runCli(['webhooks', 'update', id, '--paused'], { env: ts.env });
    expect(paused.code).toBe(0);
    expect(paused.stderr).toContain(`✓ Paused webhook ${id}`);
    expect(paused.stdout).toMatch(/status\s+paused/);
    const resumed = await runJson(
      [
        'webhooks',
        'update',
        id,
        '--active',
        '--events',
        'all',
        '--description',
        'v2',
        '--url',
        'https://hooks.example.com/v2',
      ],
      { env: ts.env },
    );
    expect(resumed).toMatchObject({
      status: 'active',
      eventTypes: [],
      description: 'v2',
      url: 'https://hooks.example.com/v2',
    });
    const [cleared, nothing, both, missing] = await runAll(
      ts,
      ['webhooks', 'update', id, '--description', '', '--json'],
      ['webhooks', 'update', id],
      ['webhooks', 'update', id, '--paused', '--active'],
      ['webhooks', 'update', 'whk_missing', '--paused'],
    );
    expect(JSON.parse(cleared?.stdout ?? '')).toMatchObject({ description: null });
    expect(nothing).toMatchObject({ code: 2 });
    expect(nothing?.stderr).toContain('opencom: nothing to update');
    expect(both).toMatchObject({ code: 2 });
    expect(both?.stderr).toContain('--paused and --active cannot be used together');
    expect(missing).toMatchObject({ code: 3 });
    expect(missing?.stderr).toMatch(/^opencom: .*\(not_found, request req_\S+\)\n$/);
  });

  it('delete needs --yes without a terminal, then deletes', async () => {
    const ts = await startServer();
    const { id } = await create(ts, 'https://hooks.example.com/a');
    const refused = await runCli(['webhooks', 'delete', id], { env: ts.env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('pass --yes to confirm');
    expect((await runCli(['webhooks', 'get', id], { env: ts.env })).code).toBe(0);
    const deleted = await runCli(['webhooks', 'delete', id, '--yes'], { env: ts.env });
    expect(deleted.code).toBe(0);
    expect(deleted.stderr).toContain(`✓ Deleted webhook ${id}`);
    expect((await runCli(['webhooks', 'get', id], { env: ts.env })).code).toBe(3);
    expect((await runCli(['webhooks', 'delete', id, '--yes', '--json'], { env: ts.env })).code).toBe(3);
  });

  it('rotate-secret reveals the new secret once and when the old one stops signing', async () => {
    const ts = await startServer();
    const created = await create(ts, 'https://hooks.example.com/a');
    const rotated = await runCli(['webhooks', 'rotate-secret', created.id, '--expire-current', '1h'], {
      env: ts.env,
    });
    expect(rotated.code).toBe(0);
    const secret = /Signing secret: (whsec_\S+)/.exec(rotated.stdout)?.[1] ?? '';
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(created.secret);
    expect(rotated.stdout).toMatch(/previous secret signs until\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ/);
    expect(rotated.stderr).toContain('it is not shown again');
    const json = await runJson(['webhooks', 'rotate-secret', created.id, '--expire-current', '0'], {
      env: ts.env,
    });
    expect(json.secret).toMatch(/^whsec_/);
    expect(json.previousSecretExpiresAt).toBe(json.updatedAt);
    const shown = await runCli(['webhooks', 'get', created.id, '--json'], { env: ts.env });
    expect(shown.stdout).not.toContain(secret);
    expect(shown.stdout).not.toContain(json.secret);
    const tooLong = await runCli(['webhooks', 'rotate-secret', created.id, '--expire-current', '2d'], {
      env: ts.env,
    });
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toContain('--expire-current can be at most 24h');
  });

  it('test sends a signed webhook.test delivery and shows how the receiver answered (exit 1 when it failed)', async () => {
    const ts = await startServer();
    const receiver = await startReceiver({ now: () => ts.server.clock.now() });
    const { id, secret } = await create(ts, `${receiver.url}/hook`, '--events', 'message.created');
    receiver.secret = secret;
    const ok = await runCli(['webhooks', 'test', id], { env: ts.env });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/✓ Test delivery dlv_\S+ → 200 in \d+ms/);
    expect(ok.stdout).toMatch(/event\s+webhook\.test/);
    // The receiver checks signatures against the server's clock (it starts in 2026-01-01).
    expect(receiver.received.map((r) => [r.event?.type, r.rejection])).toEqual([['webhook.test', null]]);

    receiver.status = 500;
    const failed = await runCli(['webhooks', 'test', id, '--json'], { env: ts.env });
    expect(failed.code).toBe(1);
    const delivery = JSON.parse(failed.stdout);
    expect(delivery).toMatchObject({
      status: 'retrying',
      attemptCount: 1,
      lastAttempt: { httpStatus: 500, responseBodyExcerpt: 'receiver is down' },
    });
    expect(failed.stderr).toContain('failed → 500 in');
    expect(failed.stderr).toContain(
      `attempt 2 of 5 is scheduled); see: opencom webhooks deliveries ${delivery.id}`,
    );

    const queued = await runJson(['webhooks', 'test', id, '--no-wait'], { env: ts.env });
    expect(queued).toMatchObject({ eventType: 'webhook.test', status: 'pending', attemptCount: 0 });
    expect((await runCli(['webhooks', 'test', 'whk_missing'], { env: ts.env })).code).toBe(3);
  });

  it('a failed delivery: every attempt shown, replayed one, then the rest in bulk with a summary of what was skipped and why', async () => {
    // Wall-clock start, so `--since 1h` (computed by the CLI) and the server's createdAt agree.
    const ts = await startServer({ clock: new ManualClock(Date.now()), delivery: { random: () => 0.5 } });
    const receiver = await startReceiver();
    receiver.status = 500;
    const kept = await create(ts, `${receiver.url}/kept`, '--resource-types', 'collection');
    const doomed = await create(ts, `${receiver.url}/doomed`, '--resource-types', 'collection');
    await createCollection(ts, 'First');
    await createCollection(ts, 'Second');
    // Let the whole retry schedule (0, 30 s, 2 min, 10 min, 1 h) run out.
    await ts.server.deliveries.advanceBy(2 * 3_600_000);
    expect(receiver.received).toHaveLength(4 * 5);

    const failed = await runJson(
      ['webhooks', 'deliveries', '--status', 'failed', '--subscription', kept.id],
      { env: ts.env },
    );
    expect(failed.data).toHaveLength(2);
    const [second, first] = failed.data as [{ id: string; eventId: string }, { id: string; eventId: string }];
    const table = await runCli(
      ['webhooks', 'deliveries', '--status', 'failed', '--event-type', 'collection.created'],
      { env: ts.env },
    );
    expect(table.stdout).toMatch(
      new RegExp(
        `${first.id}\\s+failed\\s+collection.created\\s+${first.eventId}\\s+${kept.id}\\s+5/5\\s+500 in \\d+ms`,
      ),
    );
    expect(table.stdout.trim().split('\n')).toHaveLength(5);

    const chain = await runCli(['webhooks', 'deliveries', first.id], { env: ts.env });
    expect(chain.code).toBe(0);
    expect(chain.stdout).toMatch(/status\s+failed/);
    expect(chain.stdout).toMatch(
      /^#\s+STARTED\s+OUTCOME\s+HTTP\s+ERROR\s+DURATION\s+RETRY-AFTER\s+RESPONSE$/m,
    );
    for (const n of [1, 2, 3, 4, 5])
      expect(chain.stdout).toMatch(
        new RegExp(`^${n}\\s+\\S+ \\S+\\s+failed\\s+500\\s+-\\s+\\d+ms\\s+-\\s+receiver is down$`, 'm'),
      );
    const detail = await runJson(['webhooks', 'deliveries', first.id], { env: ts.env });
    expect(detail.attempts).toHaveLength(5);
    expect(detail.event.id).toBe(first.eventId);

    receiver.status = 200;
    receiver.received.length = 0;
    const replayed = await runCli(['webhooks', 'replay', first.id], { env: ts.env });
    expect(replayed.code).toBe(0);
    const replayId = /Replayed \S+ as (dlv_\S+)/.exec(replayed.stderr)?.[1];
    expect(replayed.stdout).toMatch(new RegExp(`replay of\\s+${first.id}`));
    await ts.server.deliveries.idle();
    expect(receiver.received.map((r) => [r.path, r.headers['webhook-id']])).toEqual([
      ['/kept', first.eventId],
    ]);
    const linked = await runCli(['webhooks', 'deliveries', first.id], { env: ts.env });
    expect(linked.stdout).toMatch(new RegExp(`replayed as\\s+${replayId} \\(succeeded\\)`));

    expect((await runCli(['webhooks', 'delete', doomed.id, '--yes'], { env: ts.env })).code).toBe(0);
    const bulk = await runCli(['webhooks', 'replay', '--failed', '--since', '1h'], { env: ts.env });
    expect(bulk.code).toBe(0);
    expect(bulk.stderr).toContain('✓ Replayed 1 failed delivery created since');
    expect(bulk.stdout).toMatch(new RegExp(`^dlv_\\S+\\s+${second.id}\\s+collection.created`, 'm'));
    expect(bulk.stderr).toMatch(
      new RegExp(
        `Skipped 3: 1 already replayed \\(${first.id}\\); 2 subscription deleted \\(dlv_\\S+, dlv_\\S+\\)`,
      ),
    );
    await ts.server.deliveries.idle();
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([first.eventId, second.eventId]);

    // Running it again replays nothing: every failed delivery in the window has a replay now.
    const again = await runJson(
      ['webhooks', 'replay', '--failed', '--since', '1h', '--subscription', kept.id],
      { env: ts.env },
    );
    expect(again).toMatchObject({ replayed: 0, data: [] });
    expect(again.skipped.map((s: { id: string; reason: string }) => [s.id, s.reason]).sort()).toEqual(
      [
        [first.id, 'already replayed'],
        [second.id, 'already replayed'],
      ].sort(),
    );
  });

  it('replay needs a delivery or --failed --since; an unknown delivery exits 3', async () => {
    const ts = await startServer();
    const [none, noSince, both, badSince, missing, nothing] = await runAll(
      ts,
      ['webhooks', 'replay'],
      ['webhooks', 'replay', '--failed'],
      ['webhooks', 'replay', 'dlv_1', '--failed', '--since', '1h'],
      ['webhooks', 'replay', '--failed', '--since', 'yesterday-ish'],
      ['webhooks', 'replay', 'dlv_missing'],
      ['webhooks', 'replay', '--failed', '--since', '1h'],
    );
    expect(none).toMatchObject({ code: 2 });
    expect(none?.stderr).toContain('give a delivery ID to replay, or --failed --since <when>');
    expect(noSince).toMatchObject({ code: 2 });
    expect(noSince?.stderr).toContain('--failed needs --since');
    expect(both).toMatchObject({ code: 2 });
    expect(both?.stderr).toContain('give either a delivery ID or --failed --since, not both');
    expect(badSince).toMatchObject({ code: 2 });
    expect(badSince?.stderr).toContain(
      'expected a duration ago (1h, 30m), an ISO date or epoch milliseconds',
    );
    expect(missing).toMatchObject({ code: 3 });
    expect(missing?.stderr).toMatch(/\(not_found, request req_\S+\)/);
    expect(nothing).toMatchObject({ code: 0 });
    expect(nothing?.stderr).toContain('Nothing replayed: no unreplayed failed delivery created since');
  });
});
