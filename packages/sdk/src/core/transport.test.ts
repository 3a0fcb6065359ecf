import { describe, expect, it } from 'vitest';
import { steppedClock } from '../../test/stepped-clock';
import type { Clock } from './clock';
import { ConnectionError, TimeoutError } from './errors';
import { createTransport, type TransportSettings } from './transport';

/** A clock whose timers fire at once, moving its time to theirs (recording their length). */
function instantClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  let now = Date.UTC(2026, 0, 1);
  return {
    sleeps,
    now: () => now,
    setTimer(ms, callback) {
      sleeps.push(ms);
      const at = now + ms;
      let cancelled = false;
      queueMicrotask(() => {
        if (cancelled) return;
        now = Math.max(now, at);
        callback();
      });
      return () => {
        cancelled = true;
      };
    },
  };
}

/** Lets pending promise callbacks run. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

type Step = Response | Error | ((request: Request) => Response | Promise<Response>);

/** A fetch that plays `steps` in order and records what it was sent. */
function scripted(...steps: Step[]) {
  const seen: { method: string; key: string | null; body: string }[] = [];
  const fetch = async (input: Request | string, init: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    seen.push({
      method: request.method,
      key: request.headers.get('idempotency-key'),
      body: request.body === null ? '' : await request.text(),
    });
    const step = steps.shift();
    if (step === undefined) throw new Error('unexpected request');
    if (step instanceof Error) throw step;
    return typeof step === 'function' ? step(request) : step;
  };
  return { seen, fetch };
}

const problem = (status: number, code: string, headers: Record<string, string> = {}, extra = {}) =>
  new Response(
    JSON.stringify({ type: 'about:blank', title: code, status, code, requestId: 'req_1', ...extra }),
    {
      status,
      headers: { 'content-type': 'application/problem+json', ...headers },
    },
  );
const ok = () =>
  new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
const reset = () => new TypeError('fetch failed');

function transport(fetch: TransportSettings['fetch'], overrides: Partial<TransportSettings> = {}) {
  const clock = instantClock();
  // No timeout unless a test asks for one: this clock's sleeps (the timeout's too) resolve at once.
  const send = createTransport({
    fetch,
    maxRetries: 2,
    timeoutMs: Infinity,
    clock,
    random: () => 0.5,
    ...overrides,
  });
  return { send, clock };
}

const post = (body = '{"content":"hi"}', headers: Record<string, string> = {}) =>
  new Request('http://api.test/api/v1/conversations/conv_1/messages', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
const get = () => new Request('http://api.test/api/v1/conversations');

describe('createTransport', () => {
  it('retries a network error with the same Idempotency-Key and body', async () => {
    const { seen, fetch } = scripted(reset(), reset(), ok());
    const { send } = transport(fetch);
    const response = await send(post());
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(3);
    const [first] = seen;
    expect(first?.key).toMatch(/^opencom-sdk-[0-9a-f-]{36}$/);
    expect(seen.every((s) => s.key === first?.key && s.body === '{"content":"hi"}')).toBe(true);
  });

  it("keeps the caller's idempotency key, from the options or the request", async () => {
    const a = scripted(reset(), ok());
    await transport(a.fetch).send(post(), undefined, { idempotencyKey: 'job-42' });
    expect(a.seen.map((s) => s.key)).toEqual(['job-42', 'job-42']);
    const b = scripted(ok());
    await transport(b.fetch).send(post(undefined, { 'Idempotency-Key': 'from-header' }));
    expect(b.seen[0]?.key).toBe('from-header');
  });

  it('takes a URL and init too (the facade path), with the same key on every attempt', async () => {
    const { seen, fetch } = scripted(reset(), ok());
    const url = 'http://api.test/api/v1/tickets';
    const init = { method: 'POST', body: '{"subject":"A"}', headers: { 'content-type': 'application/json' } };
    expect((await transport(fetch).send(url, init)).status).toBe(200);
    expect(seen.map((s) => s.body)).toEqual(['{"subject":"A"}', '{"subject":"A"}']);
    expect(seen[1]?.key).toBe(seen[0]?.key);
    expect(seen[0]?.key).toMatch(/^opencom-sdk-/);
  });

  it('keeps a key given among plain-object headers in any case, sending it once', async () => {
    const { seen, fetch } = scripted(ok(), ok());
    const url = 'http://api.test/api/v1/tickets';
    const headers = { 'content-type': 'application/json', 'idempotency-KEY': 'from-headers' };
    await transport(fetch).send(url, { method: 'POST', body: '{}', headers });
    await transport(fetch).send(url, { method: 'POST', body: '{}', headers }, { idempotencyKey: 'option' });
    expect(seen.map((s) => s.key)).toEqual(['from-headers', 'option']);
  });

  it('sends no Idempotency-Key on reads', async () => {
    const { seen, fetch } = scripted(ok());
    await transport(fetch).send(get());
    expect(seen[0]?.key).toBeNull();
  });

  it('waits Retry-After on 429 and 503, and backs off with full jitter otherwise', async () => {
    const { fetch } = scripted(
      problem(429, 'rate_limited', { 'retry-after': '3' }),
      problem(500, 'internal_error'),
      ok(),
    );
    const { send, clock } = transport(fetch, { random: () => 0.5 });
    expect((await send(get())).status).toBe(200);
    // 3 s from the header; then half (random 0.5) of the second retry's 1 s ceiling.
    expect(clock.sleeps).toEqual([3000, 500]);
  });

  it('grows the jitter ceiling exponentially up to 8 s', async () => {
    const { fetch } = scripted(...Array.from({ length: 7 }, () => problem(503, 'service_unavailable')), ok());
    const { send, clock } = transport(fetch, { maxRetries: 7, random: () => 0.999_999 });
    await send(get());
    expect(clock.sleeps.map((ms) => Math.ceil(ms / 100) * 100)).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it('retries 409 idempotency_in_progress but not other conflicts', async () => {
    const inProgress = scripted(problem(409, 'idempotency_in_progress', {}, { retryAfter: 1 }), ok());
    const first = transport(inProgress.fetch);
    expect((await first.send(post())).status).toBe(200);
    expect(first.clock.sleeps).toEqual([1000]);
    const conflict = scripted(problem(409, 'claim_conflict'));
    const response = await transport(conflict.fetch).send(post());
    expect(response.status).toBe(409);
    expect(conflict.seen).toHaveLength(1);
    expect(await response.json()).toMatchObject({ code: 'claim_conflict' });
  });

  it('retries 408 but not 400, 404, 422 or 501', async () => {
    for (const status of [400, 404, 422, 501]) {
      const { seen, fetch } = scripted(problem(status, 'x'));
      expect((await transport(fetch).send(get())).status).toBe(status);
      expect(seen).toHaveLength(1);
    }
    const timeout = scripted(problem(408, 'request_timeout'), ok());
    expect((await transport(timeout.fetch).send(get())).status).toBe(200);
  });

  it('returns the last answer once retries are spent, and does not wait a Retry-After over a minute', async () => {
    const spent = scripted(problem(503, 'a'), problem(503, 'b'), problem(503, 'c'));
    const response = await transport(spent.fetch).send(get());
    expect(await response.json()).toMatchObject({ code: 'c' });
    const long = scripted(problem(429, 'rate_limited', { 'retry-after': '120' }));
    const { send, clock } = transport(long.fetch);
    expect((await send(get())).status).toBe(429);
    expect(clock.sleeps).toEqual([]);
  });

  it('throws a ConnectionError with the cause after the last network error', async () => {
    const { fetch } = scripted(reset(), reset(), reset());
    const error = await transport(fetch)
      .send(post())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).message).toMatch(
      /^@opencom\/sdk: POST \/api\/v1\/conversations\/conv_1\/messages failed without a response \(3 attempts\): fetch failed$/,
    );
    expect((error as ConnectionError).cause).toBeInstanceOf(TypeError);
  });

  it('maxRetries: 0 sends once', async () => {
    const { seen, fetch } = scripted(reset());
    await expect(transport(fetch).send(get(), undefined, { maxRetries: 0 })).rejects.toBeInstanceOf(
      ConnectionError,
    );
    expect(seen).toHaveLength(1);
  });

  it('times out each attempt after timeoutMs, then throws a TimeoutError', async () => {
    const hang = () => new Promise<Response>(() => undefined);
    const { fetch, seen } = scripted(hang, hang);
    // Sleeps of timeoutMs length resolve at once here, so every attempt times out immediately.
    const { send, clock } = transport(fetch, { maxRetries: 1, timeoutMs: 5_000 });
    const error = await send(get()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toBe('@opencom/sdk: GET /api/v1/conversations timed out after 5000 ms');
    expect(seen).toHaveLength(2);
    expect(clock.sleeps.filter((ms) => ms === 5_000)).toHaveLength(2);
  });

  it("stops at once when the caller's signal aborts, with the signal's reason", async () => {
    const controller = new AbortController();
    const { fetch, seen } = scripted(() => {
      controller.abort(new Error('user gave up'));
      throw reset();
    }, ok());
    const request = new Request('http://api.test/api/v1/me', { signal: controller.signal });
    await expect(transport(fetch).send(request)).rejects.toThrow('user gave up');
    expect(seen).toHaveLength(1);
  });

  it('sends no signal of its own until a timeout: the abandoned attempt is discarded when it answers', async () => {
    let answerLate: (response: Response) => void = () => undefined;
    const late = new Promise<Response>((resolve) => {
      answerLate = resolve;
    });
    const signals: (AbortSignal | null | undefined)[] = [];
    const answers = [() => late, () => new Promise<Response>(() => undefined), () => Promise.resolve(ok())];
    const fetch = (_input: Request | string, init: RequestInit) => {
      signals.push(init.signal);
      return (answers.shift() ?? (() => Promise.reject(new Error('unexpected request'))))();
    };
    const { clock, advance } = steppedClock();
    const { send } = transport(fetch, { maxRetries: 1, timeoutMs: 5_000, clock, random: () => 0 });
    const call = send('http://api.test/api/v1/me');
    await flush();
    advance(5_000); // the first attempt times out; the retry waits no backoff (random 0)
    await flush();
    advance(0);
    await flush();
    advance(5_000); // the second attempt times out
    await expect(call).rejects.toBeInstanceOf(TimeoutError);
    // The first attempt went out bare; the second, after a timeout was seen, with a signal that the
    // timeout then aborted, tearing its request down.
    expect(signals[0]).toBeUndefined();
    expect(signals[1]?.aborted).toBe(true);
    expect(signals[1]?.reason).toBeInstanceOf(TimeoutError);
    // The first attempt's late answer is read by no one: its body is cancelled.
    let cancelled = false;
    const body = new ReadableStream({
      cancel() {
        cancelled = true;
      },
    });
    answerLate(new Response(body));
    await flush();
    expect(cancelled).toBe(true);
    // Later calls of this client keep the signal.
    expect((await send('http://api.test/api/v1/me')).status).toBe(200);
    expect(signals[2]?.aborted).toBe(false);
  });

  it("hands the caller's signal to fetch as it is, with no signal of its own", async () => {
    const signals: (AbortSignal | null | undefined)[] = [];
    const fetch = async (_input: Request | string, init: RequestInit) => {
      signals.push(init.signal);
      return ok();
    };
    const { send } = transport(fetch, { timeoutMs: 5_000, clock: steppedClock().clock });
    const controller = new AbortController();
    await send('http://api.test/api/v1/me', {}, { signal: controller.signal });
    await send('http://api.test/api/v1/me', {}, { signal: null });
    expect(signals).toEqual([controller.signal, undefined]);
  });
});
