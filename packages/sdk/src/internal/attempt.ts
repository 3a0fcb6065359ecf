import type { Clock } from '../core/clock';
import { TimeoutError } from '../core/errors';
import { onAbort } from './abort';
import { type Deadline, Deadlines } from './deadlines';

type Fetch = (input: Request | string, init: RequestInit) => Promise<Response>;

/** What can end one attempt early. */
export interface AttemptLimits {
  /** Milliseconds until the attempt fails with a TimeoutError; `Infinity` for none. */
  timeoutMs: number;
  /** The caller's signal, already in the attempt's init (fetch follows it): the attempt fails with its reason. */
  caller: AbortSignal | undefined;
  method: string;
  url: string;
}

/** `GET /api/v1/me`: how errors name a request (the path only: a query may hold anything). */
export function describeRequest(method: string, url: string): string {
  return `${method} ${new URL(url).pathname}`;
}

const noop = (): void => undefined;

/**
 * Sends single attempts: the fetch, failed at once on its timeout or the caller's abort even when the
 * fetch ignores signals (an in-process server, a stub).
 *
 * Why a timeout does not always come with an AbortSignal: handing fetch a signal costs undici (Node's
 * fetch) 25–50 µs of CPU per request on a loopback call, several times the rest of the SDK's work
 * (bench/sdk-overhead.ts), to guard against something that almost never happens. So attempts go out
 * without one, and a timed-out attempt is abandoned: its response, if it ever comes, is discarded
 * and its connection released. From the first timeout on, a server has shown it can hang, and every
 * later attempt of this client carries a signal that tears its request down when it times out, so a
 * hanging server cannot pile up abandoned connections (browsers allow six per origin on HTTP/1.1).
 */
export class AttemptSender {
  readonly #fetch: Fetch;
  readonly #clock: Clock;
  readonly deadlines: Deadlines;
  /** Set by the first timeout (see above). */
  abortOnTimeout = false;

  constructor(fetch: Fetch, clock: Clock) {
    this.#fetch = fetch;
    this.#clock = clock;
    this.deadlines = new Deadlines(clock);
  }

  send(input: Request | string, init: RequestInit, limits: AttemptLimits): Promise<Response> {
    const { timeoutMs, caller } = limits;
    const timed = Number.isFinite(timeoutMs);
    if (!timed && caller === undefined) return this.#fetch(input, init);
    const controller = timed && this.abortOnTimeout ? new AbortController() : undefined;
    const sent = this.#fetch(input, controller === undefined ? init : { ...init, signal: controller.signal });
    const at = timed ? this.#clock.now() + timeoutMs : Number.POSITIVE_INFINITY;
    return new Attempt(this, sent, at, limits, controller).promise;
  }
}

/** One attempt in flight: settles with the fetch, or fails first on its deadline or the caller's abort. */
class Attempt implements Deadline {
  readonly at: number;
  previous: Deadline | undefined = undefined;
  next: Deadline | undefined = undefined;
  readonly promise: Promise<Response>;
  readonly #sender: AttemptSender;
  readonly #limits: AttemptLimits;
  readonly #controller: AbortController | undefined;
  #resolve: (response: Response) => void = noop;
  #reject: (reason: unknown) => void = noop;
  #settled = false;
  #unlink = noop;

  constructor(
    sender: AttemptSender,
    sent: Promise<Response>,
    at: number,
    limits: AttemptLimits,
    controller: AbortController | undefined,
  ) {
    this.at = at;
    this.#sender = sender;
    this.#limits = limits;
    this.#controller = controller;
    this.promise = new Promise<Response>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    if (at !== Number.POSITIVE_INFINITY) sender.deadlines.add(this);
    const { caller } = limits;
    if (caller !== undefined) this.#unlink = onAbort(caller, () => this.#fail(caller.reason));
    sent.then(
      (response) => this.#answered(response),
      (error: unknown) => {
        if (this.#settle()) this.#reject(error);
      },
    );
  }

  expire(): void {
    this.#sender.abortOnTimeout = true;
    const { method, url, timeoutMs } = this.#limits;
    this.#fail(new TimeoutError(`${describeRequest(method, url)} timed out after ${timeoutMs} ms`));
  }

  #answered(response: Response): void {
    if (this.#settle()) this.#resolve(response);
    // An abandoned attempt's late answer: nobody reads it, so free its connection.
    else response.body?.cancel().catch(noop);
  }

  #fail(reason: unknown): void {
    if (!this.#settle()) return;
    this.#controller?.abort(reason);
    this.#reject(reason);
  }

  /** True the first time: the attempt is over, its deadline and abort listener gone. */
  #settle(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    this.#sender.deadlines.delete(this);
    this.#unlink();
    return true;
  }
}
