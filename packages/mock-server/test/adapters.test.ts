import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { driveInRealTime } from '../src/adapters/real-time-clock';
import { parseOptions } from '../src/cli/options';
import { type HttpServer, startHttpServer } from '../src/index';
import { setup } from './support';

const started: HttpServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((http) => http.close()));
  vi.useRealTimers();
});

/** A seeded server on 127.0.0.1, a free port, with its request log captured. */
async function serve(options: { realTime?: boolean } = {}) {
  const workspace = await setup();
  const lines: string[] = [];
  const http = await startHttpServer(workspace.server, {
    port: 0,
    log: (line) => lines.push(line),
    ...options,
  });
  started.push(http);
  return { ...workspace, http, lines };
}

describe('startHttpServer(server, { port: 0 })', () => {
  it('answers GET /api/v1/me with the key over real HTTP and logs the request', async () => {
    const { http, key, credentialId, lines } = await serve();
    expect(http.url).toBe(`http://127.0.0.1:${http.port}`);
    const response = await fetch(`${http.url}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { credentialId: string }).credentialId).toBe(credentialId);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^req_/);
    expect(response.headers.get('ratelimit-limit')).toBeNull(); // setup() turns rate limits off
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^GET /api/v1/me 200 \\d+ms ${requestId}$`))]);
  });

  it('renders an unknown route as a 404 problem', async () => {
    const { http } = await serve();
    const response = await fetch(`${http.url}/api/v1/nope?x=1`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ code: 'not_found', instance: '/api/v1/nope' });
  });

  it('passes request bodies through to the control API', async () => {
    const { http, workspaceId } = await serve();
    const response = await fetch(`${http.url}/__control/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspaceId, channel: 'chat', content: 'Hello over HTTP' }),
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { message: { content: string } }).message.content).toBe(
      'Hello over HTTP',
    );
  });

  it('close() stops accepting connections but finishes a request in flight', async () => {
    const { http, workspaceId, server } = await serve();
    // The request is in flight once the engine has it (its body is read later, as it arrives).
    const reached = new Promise<void>((resolve) => {
      const dispatch = server.dispatch.bind(server);
      server.dispatch = (request) => {
        if (request.method === 'POST') resolve();
        return dispatch(request);
      };
    });
    // A body that is still being sent keeps the request in flight until we finish it.
    let finish: (() => void) | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`{"workspaceId":"${workspaceId}","channel":"chat",`));
        finish = () => {
          controller.enqueue(new TextEncoder().encode('"content":"Still here"}'));
          controller.close();
        };
      },
    });
    const inFlight = fetch(`${http.url}/__control/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    await reached;
    let closed = false;
    const closing = http.close().then(() => {
      closed = true;
    });
    started.splice(0);
    await expect(fetch(`${http.url}/__control/clock`)).rejects.toThrow();
    expect(closed).toBe(false);
    finish?.();
    const response = await inFlight;
    expect(response.status).toBe(201);
    await closing;
    expect(closed).toBe(true);
  });

  it('does not wait for connections that hold no request: idle after a response, silent, or mid-headers', async () => {
    const { http } = await serve();
    const connect = () =>
      new Promise<Socket>((resolve, reject) => {
        const socket = createConnection({ host: '127.0.0.1', port: http.port }, () => resolve(socket));
        socket.on('error', reject);
      });
    const ended = (socket: Socket) => new Promise((resolve) => socket.once('close', resolve));
    // A keep-alive connection whose request was answered, as a browser keeps in its pool.
    const kept = await connect();
    kept.write('GET /__control/clock HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => kept.once('data', resolve));
    const silent = await connect();
    const partial = await connect();
    partial.write('GET /__control/clock HTTP/1.1\r\nHost: x\r\n');
    started.splice(0);
    // Node would keep the half-sent request's connection until its 60 s headers timeout.
    await http.close();
    await Promise.all([ended(kept), ended(silent), ended(partial)]);
  });
});

describe('the real-time clock of the HTTP server', () => {
  it('moves the engine clock with the wall clock, runs due tasks, and keeps control-API jumps', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 5, 1) });
    const { server } = await setup();
    const start = server.clock.now();
    const clock = driveInRealTime(server, (error) => {
      throw error;
    });
    const ran: number[] = [];
    server.scheduler.schedule(start + 1_000, () => {
      ran.push(server.clock.now());
    });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ran).toEqual([start + 1_000]);
    expect(server.clock.now()).toBe(start + 1_000);
    // The control API jumps an hour ahead: time keeps flowing from there.
    await server.scheduler.advanceBy(3_600_000);
    clock.observe();
    await vi.advanceTimersByTimeAsync(500);
    expect(server.clock.now()).toBe(start + 3_600_000 + 1_500);
    clock.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(server.clock.now()).toBe(start + 3_600_000 + 1_500);
  });

  it('leaves the clock alone with realTime: false', async () => {
    const { http, server } = await serve({ realTime: false });
    const before = server.clock.now();
    await fetch(`${http.url}/__control/clock`);
    expect(server.clock.now()).toBe(before);
  });
});

describe('opencom-mock options', () => {
  it('parses every option and refuses bad values', () => {
    expect(parseOptions([])).toEqual({
      port: 4010,
      host: '127.0.0.1',
      seed: null,
      rateLimits: {},
      dashboard: true,
      quiet: false,
    });
    expect(
      parseOptions([
        '--port',
        '0',
        '--host',
        '0.0.0.0',
        '--seed',
        'demo',
        '--rate-limit',
        '10,20',
        '--quiet',
      ]),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      seed: 'demo',
      rateLimits: { perCredential: 10, perWorkspace: 20 },
      dashboard: true,
      quiet: true,
    });
    expect(parseOptions(['--rate-limit', 'off'])?.rateLimits).toBe(false);
    expect(parseOptions(['--no-dashboard'])?.dashboard).toBe(false);
    expect(parseOptions(['-h'])).toBeNull();
    for (const args of [
      ['--port', '70000'],
      ['--seed', 'full'],
      ['--rate-limit', '60'],
      ['--verbose'],
      ['extra'],
    ]) {
      expect(() => parseOptions(args), args.join(' ')).toThrow(/UsageError|must|Unknown|Unexpected/);
    }
  });

  const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
  it.runIf(existsSync(bin))('the built bin prints --help with every option', () => {
    const help = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    for (const option of [
      '--port',
      '--host',
      '--seed',
      '--rate-limit',
      '--no-dashboard',
      '--quiet',
      '--help',
    ]) {
      expect(help).toContain(option);
    }
  });
});
