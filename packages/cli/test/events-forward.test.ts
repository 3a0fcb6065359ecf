import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSecret } from '@opencom/webhooks';
import { describe, expect, it } from 'vitest';
import { createCollection, startReceiver } from './events-support';
import { runCli, runJson, spawnCli, startServer, type TestServer } from './support';

const READY = /Ready! Your webhook signing secret is (whsec_\S+) \(\^C to quit\)/;

function forward(ts: TestServer, url: string, ...flags: string[]) {
  return spawnCli(['events', 'tail', '--forward-to', url, '--poll-interval', '50ms', ...flags], {
    env: ts.env,
  });
}

describe('opencom events tail --forward-to', { timeout: 20_000 }, () => {
  it('delivers each event signed like the server does, with a local secret kept per profile', async () => {
    const ts = await startServer();
    const receiver = await startReceiver();
    const hook = `${receiver.url}/webhooks/opencom`;
    const tail = forward(ts, hook);
    const [, secret] = await tail.output.waitFor(READY, 'stderr');
    receiver.secret = secret ?? null;
    expect(tail.output.stderr).toContain(`Forwarding events to ${hook}`);

    const id = await createCollection(ts, 'Forwarded');
    await tail.output.waitFor(/→ 200 in \d+ms/, 'stderr');
    expect(tail.output.stdout).toMatch(new RegExp(`collection.created\\s+evt_\\S+\\s+collection ${id}`));
    const [delivery] = receiver.received;
    // The body is the event exactly as the feed (and the server's own deliveries) carry it.
    const event = await runJson(['events', 'get', delivery?.event?.id ?? ''], { env: ts.env });
    expect(delivery?.rejection).toBeNull();
    expect(delivery?.event).toEqual(event);
    expect(delivery?.headers['webhook-id']).toBe(event.id);
    expect(delivery?.headers['content-type']).toBe('application/json');
    tail.kill('SIGINT');
    await tail.output.exited;
    expect(tail.output.result().code).toBe(0);

    // The secret was kept in the config file (0600), so the receiver's environment stays valid.
    const config = join(ts.configDir, 'opencom', 'config.json');
    expect((await stat(config)).mode & 0o777).toBe(0o600);
    const again = forward(ts, hook);
    const [, sameSecret] = await again.output.waitFor(READY, 'stderr');
    expect(sameSecret).toBe(secret);
    const other = forward(ts, hook, '--profile', 'staging');
    const [, otherSecret] = await other.output.waitFor(READY, 'stderr');
    expect(otherSecret).not.toBe(secret);
  });

  it('a receiver with another secret rejects the forward; a receiver that is down is reported and tailing goes on', async () => {
    const ts = await startServer();
    const receiver = await startReceiver();
    const hook = `${receiver.url}/webhooks/opencom`;
    receiver.secret = generateSecret();
    const tail = forward(ts, hook);
    await tail.output.waitFor(READY, 'stderr');
    await createCollection(ts, 'Wrong secret');
    await tail.output.waitFor(/→ 401 in \d+ms: bad_signature/, 'stderr');
    expect(receiver.received.map((r) => r.rejection)).toEqual(['bad_signature']);

    await receiver.close();
    const first = await createCollection(ts, 'Receiver down');
    await tail.output.waitFor(
      /→ connection refused: is your receiver running at http:\/\/127\.0\.0\.1:\d+\/webhooks\/opencom\?/,
      'stderr',
    );
    const second = await createCollection(ts, 'Still down');
    await tail.output.waitFor(new RegExp(`collection ${second}`));
    expect(tail.output.stdout).toContain(`collection ${first}`);
    expect(tail.exitCode).toBe(null);
    tail.kill('SIGINT');
    await tail.output.exited;
    expect(tail.output.result().code).toBe(0);
  });

  it('--secret signs with the given secret, --forward-header adds headers, and bad flags are usage errors', async () => {
    const ts = await startServer();
    const receiver = await startReceiver();
    const hook = `${receiver.url}/webhooks/opencom`;
    const given = generateSecret();
    receiver.secret = given;
    const tail = forward(ts, hook, '--secret', given, '--forward-header', 'X-Tenant: acme');
    const [, printed] = await tail.output.waitFor(READY, 'stderr');
    expect(printed).toBe(given);
    const id = await createCollection(ts, 'Given secret');
    await tail.output.waitFor(/→ 200 in/, 'stderr');
    expect(receiver.received.map((r) => [r.event?.resource.id, r.headers['x-tenant']])).toEqual([
      [id, 'acme'],
    ]);
    tail.kill('SIGTERM');
    await tail.output.exited;

    const [badUrl, badSecret, badHeader] = await Promise.all([
      runCli(['events', 'tail', '--forward-to', 'localhost:3000'], { env: ts.env }),
      runCli(['events', 'tail', '--forward-to', hook, '--secret', 'hunter2'], { env: ts.env }),
      runCli(['events', 'tail', '--forward-to', hook, '--forward-header', 'nocolon'], {
        env: ts.env,
      }),
    ]);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('--forward-to must be an http(s) URL');
    expect(badSecret.code).toBe(2);
    expect(badSecret.stderr).toContain('--secret must be a Standard Webhooks secret');
    expect(badSecret.stderr).not.toContain('hunter2');
    expect(badHeader.code).toBe(2);
  });
});
