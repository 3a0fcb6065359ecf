import { randomBytes } from 'node:crypto';
import { controlDocument } from '../generated/control-document';
import { openapiDocument } from '../generated/openapi-document';
import { authenticate, requireScope } from './auth';
import { ManualClock } from './clock';
import type { EngineState, OperationId, RequestContext } from './context';
import { CursorCodec } from './cursor';
import { afterDelay, FaultTable, faultProblem } from './faults';
import { JsonText, type RouteResult } from './http/json';
import { ApiProblem, problems } from './http/problem';
import { IdempotencyStore } from './idempotency';
import { IdGenerator } from './ids';
import { paginate, paginateJson } from './pagination';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimitOptions, type RateLimitState } from './rate-limit';
import { type Route, Router } from './router';
import { Scheduler } from './scheduler';
import { SecretBox } from './secrets';
import { Journal, loadKeys } from './store/journal';
import { createStore, type EventRow, type Store } from './store/store';
import { readJsonBody, SpecValidator } from './validation';

/** The parts of a request's URL the engine reads. */
export type RequestUrl = Pick<URL, 'pathname' | 'search' | 'searchParams'>;

/** What the engine needs of a request; a Fetch `Request` is adapted in `handle()`. */
export interface EngineRequest {
  method: string;
  /** Absolute URL, or its parts already parsed (the node:http adapter does). */
  url: string | RequestUrl;
  headers: { get(name: string): string | null };
  /** The raw body, or null when the request has none. */
  bytes(): Promise<Uint8Array | null>;
}

/** The engine's answer before it becomes a Fetch `Response` or a node:http response. */
export interface EngineResponse {
  status: number;
  headers: Record<string, string>;
  body: string | null;
  /**
   * Drop the connection instead of answering (a `reset_after_commit` fault): the request ran and its
   * effects are committed, but the client sees a network error.
   */
  dropConnection?: boolean;
}

/** A control-API route: no credential, just the engine and the validated inputs. */
export interface ControlContext {
  engine: Engine;
  requestId: string;
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}
export type ControlHandler = (ctx: ControlContext) => RouteResult | Promise<RouteResult>;

export interface EngineOptions {
  /** The engine's clock; tests pass a ManualClock and move it. Default: starts at 2026-01-01. */
  clock?: ManualClock;
  /** Seeds generated IDs so a test run is reproducible. */
  seed?: number;
  /** `false` turns rate limiting off; numbers override the seed's 60/120 per minute. */
  rateLimits?: Partial<RateLimitOptions> | false;
  /** Serve `/__control/` (default true; turn off to expose only the public API). */
  control?: boolean;
  /** Check every response against the spec and record violations (tests turn this on). */
  validateResponses?: boolean;
  /** Secret that signs cursors; random per instance unless given. */
  cursorSecret?: Uint8Array;
  /** 32-byte AES key for webhook secrets at rest; random per instance unless given. */
  secretKey?: Uint8Array;
  maxBodyBytes?: number;
  /**
   * Keep state in this directory: every write is journaled (fsync before the response) and restored
   * on start, with the cursor and secret keys (`keys.json`) unless given above. Idempotency keys and
   * rate-limit windows are not kept.
   */
  dataDir?: string;
  /** Routes by operationId (the engine's resource modules). */
  routes: Partial<Record<OperationId, (ctx: RequestContext<never>) => RouteResult | Promise<RouteResult>>>;
  controlRoutes: Record<string, ControlHandler>;
}

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The reference server: `handle(Request) → Response` over an in-memory store and an injectable
 * clock. It imports neither msw nor node:http; adapters/msw.ts and adapters/http.ts wrap it.
 */
export class Engine implements EngineState {
  readonly store: Store = createStore();
  readonly clock: ManualClock;
  readonly scheduler: Scheduler;
  readonly ids: IdGenerator;
  readonly cursors: CursorCodec;
  readonly rateLimiter: RateLimiter;
  readonly idempotency: IdempotencyStore;
  readonly secrets: SecretBox;
  /** The `dataDir` journal, or null when state lives in memory only. */
  readonly journal: Journal | null = null;
  /** Called with every event after it is written (webhook fan-out listens here). */
  readonly eventListeners: Array<(event: EventRow) => void> = [];
  /** Responses that did not match the spec (only with `validateResponses`). */
  readonly contractViolations: string[] = [];
  /** Faults injected through the control API, applied to public requests in `dispatch`. */
  readonly faults = new FaultTable();
  readonly #options: EngineOptions;
  readonly #public = new Router(openapiDocument, '/api/v1');
  readonly #control = new Router(controlDocument);
  readonly #publicValidator = SpecValidator.for(openapiDocument);
  readonly #controlValidator = SpecValidator.for(controlDocument);
  #eventSeq = 0;

  constructor(options: EngineOptions) {
    this.#options = options;
    this.clock = options.clock ?? new ManualClock(Date.UTC(2026, 0, 1));
    this.scheduler = new Scheduler(this.clock);
    this.ids = new IdGenerator(options.seed);
    const given = {
      ...(options.cursorSecret === undefined ? {} : { cursorSecret: options.cursorSecret }),
      ...(options.secretKey === undefined ? {} : { secretKey: options.secretKey }),
    };
    const keys = options.dataDir === undefined ? given : loadKeys(options.dataDir, given);
    if (options.dataDir !== undefined) {
      const { journal, restored } = Journal.open(options.dataDir, this.store, () => ({
        ids: this.ids.snapshot(),
        eventSeq: this.#eventSeq,
        clock: this.clock.now(),
      }));
      this.journal = journal;
      if (restored) {
        this.ids.restore(restored.ids);
        this.#eventSeq = restored.eventSeq;
        // Time never goes back: records restored from a clock that was ahead stay in the past.
        this.clock.set(Math.max(this.clock.now(), restored.clock));
      }
    }
    this.cursors = new CursorCodec(Buffer.from(keys.cursorSecret ?? randomBytes(32)));
    this.rateLimiter = new RateLimiter(
      options.rateLimits === false ? false : { ...DEFAULT_RATE_LIMITS, ...(options.rateLimits ?? {}) },
    );
    this.idempotency = new IdempotencyStore(this.scheduler, () => this.clock.now());
    this.secrets = new SecretBox(keys.secretKey);
  }

  /** Every public operation of the spec, for adapters and tests. */
  get publicRoutes(): Route[] {
    return this.#public.routes;
  }

  emit(event: Omit<EventRow, 'id' | 'seq' | 'createdAt'>): EventRow {
    const row: EventRow = {
      ...event,
      id: this.ids.next('evt', 16),
      seq: ++this.#eventSeq,
      createdAt: this.clock.now(),
    };
    this.store.events.insert(row);
    for (const listener of this.eventListeners) listener(row);
    return row;
  }

  audit(entry: Parameters<EngineState['audit']>[0]): void {
    this.store.audit.insert({ ...entry, id: this.ids.next('aud'), createdAt: this.clock.now() });
  }

  page: EngineState['page'] = (request, serialize) => paginate(this.cursors, request, serialize);
  pageJson: EngineState['pageJson'] = (request, rowJson) => paginateJson(this.cursors, request, rowJson);

  /** Wipes every record and pending task and rewinds the clock to its start (the control API's reset). */
  reset(): void {
    for (const table of Object.values(this.store)) table.clear();
    this.scheduler.clear();
    this.clock.rewind();
    this.rateLimiter.reset();
    this.idempotency.clear();
    this.faults.clear();
  }

  /** Fetch-API entry point (msw, tests, embedders): a `Request` in, a `Response` out. */
  async handle(request: Request): Promise<Response> {
    const result = await this.dispatch({
      method: request.method,
      url: request.url,
      headers: request.headers,
      bytes: async () => (request.body === null ? null : new Uint8Array(await request.arrayBuffer())),
    });
    // msw turns `Response.error()` into a network error for the client, as a dropped connection is.
    if (result.dropConnection) return Response.error();
    return new Response(result.body, { status: result.status, headers: result.headers });
  }

  /**
   * The engine proper, over plain values: adapters that do not start from a Fetch `Request` (the
   * node:http server) call it directly and skip building one, which costs more than the request.
   */
  async dispatch(request: EngineRequest): Promise<EngineResponse> {
    const requestId = this.ids.next('req', 16);
    const url = typeof request.url === 'string' ? new URL(request.url) : request.url;
    let limits = this.rateLimiter.idle(this.clock.now());
    let route: Route | undefined;
    let result: RouteResult;
    const isControl = url.pathname === '/__control' || url.pathname.startsWith('/__control/');
    const fault = isControl ? undefined : this.faults.take(request.method.toUpperCase(), url.pathname);
    try {
      if (isControl) {
        result = await this.#handleControl(request, url, requestId, (r) => {
          route = r;
        });
      } else if (fault?.kind === 'status') {
        result = this.#problemResult(faultProblem(fault), requestId, url.pathname);
      } else {
        result = await this.#handlePublic(
          fault?.kind === 'delay' ? await afterDelay(request, fault) : request,
          url,
          requestId,
          (r) => {
            route = r;
          },
          (state) => {
            limits = state;
          },
        );
      }
    } catch (error) {
      result = this.#problemResult(error, requestId, url.pathname);
    }
    try {
      // Durable before the client hears of it (`dataDir`): every write so far, this request's included.
      this.journal?.flush(isControl);
    } catch (error) {
      result = this.#problemResult(
        new Error(`the write could not be saved: ${error instanceof Error ? error.message : String(error)}`),
        requestId,
        url.pathname,
      );
    }
    const headers: Record<string, string> = { ...result.headers, 'X-Request-Id': requestId };
    if (!isControl && this.rateLimiter.options) {
      headers['RateLimit-Limit'] = String(limits.limit);
      headers['RateLimit-Remaining'] = String(limits.remaining);
      headers['RateLimit-Reset'] = String(limits.resetSeconds);
    }
    const contentType =
      result.body === undefined ? '' : result.status >= 400 ? 'application/problem+json' : 'application/json';
    if (contentType) headers['Content-Type'] = contentType;
    const payload =
      this.#options.validateResponses && result.body instanceof JsonText
        ? JSON.parse(result.body.text)
        : result.body;
    if (this.#options.validateResponses && fault?.kind === 'status') {
      // A status fault stands in for a proxy or an outage, which no operation lists among its
      // responses: its body is checked against the Problem schema instead.
      for (const violation of this.#publicValidator.validateProblem(result.body)) {
        this.contractViolations.push(`${request.method} ${url.pathname} → ${result.status}: ${violation}`);
      }
    } else if (this.#options.validateResponses && route) {
      const validator = isControl ? this.#controlValidator : this.#publicValidator;
      for (const violation of validator.validateResponse(route, result.status, contentType, payload)) {
        this.contractViolations.push(`${route.method} ${url.pathname} → ${result.status}: ${violation}`);
      }
    }
    const body =
      result.body === undefined || result.status === 204
        ? null
        : result.body instanceof JsonText
          ? result.body.text
          : JSON.stringify(result.body);
    if (fault?.kind === 'reset_after_commit')
      return { status: result.status, headers, body, dropConnection: true };
    return { status: result.status, headers, body };
  }

  async #handlePublic(
    request: EngineRequest,
    url: RequestUrl,
    requestId: string,
    onRoute: (route: Route) => void,
    onLimits: (state: RateLimitState) => void,
  ): Promise<RouteResult> {
    // Every parsed URL's path starts with `/`; anything else is a request target that did not parse.
    if (!url.pathname.startsWith('/')) {
      throw new ApiProblem(
        400,
        'malformed_request',
        'Malformed request target',
        'The request target is not a valid URL.',
      );
    }
    const match = this.#public.match(request.method, url.pathname);
    if (match.kind === 'not_found') throw problems.routeNotFound(url.pathname);
    if (match.kind === 'method_not_allowed')
      throw problems.methodNotAllowed(request.method, url.pathname, match.allowed);
    const route = match.route;
    onRoute(route);
    const now = this.clock.now();
    const { credential, workspace } = authenticate(this.store, request.headers.get('authorization'), now);
    requireScope(credential, route.operation['x-required-scope'] as string);
    const limits = this.rateLimiter.consume(credential.id, workspace.id, now);
    onLimits(limits);
    if (!limits.allowed) {
      throw new ApiProblem(
        429,
        'rate_limited',
        'Rate limit exceeded',
        `At most ${limits.limit} requests per minute; retry in ${limits.retryAfter} s.`,
        { retryAfter: limits.retryAfter },
        { 'Retry-After': String(limits.retryAfter) },
      );
    }
    const previousUse = credential.lastUsedAt;
    // Several requests often share a millisecond: only a change is a write (and a journal entry).
    if (previousUse !== now) {
      this.store.credentials.update(credential, (row) => {
        row.lastUsedAt = now;
      });
    }
    const takesBody = route.operation.requestBody !== undefined;
    const raw = await readJsonBody(request, this.#options.maxBodyBytes ?? 1024 * 1024, takesBody);
    const input = this.#publicValidator.validateRequest(route, match.params, url, raw);
    const handler = this.#options.routes[route.operationId as OperationId];
    if (!handler) {
      throw new ApiProblem(
        501,
        'internal_error',
        'Not implemented',
        `${route.operationId} is not implemented yet.`,
      );
    }
    const ctx: RequestContext<never> = {
      engine: this,
      credential: { ...credential, lastUsedAt: previousUse },
      workspace,
      requestId,
      now,
      path: input.path as never,
      query: input.query as never,
      body: input.body as never,
      audit: (action, target) =>
        this.audit({
          workspaceId: workspace.id,
          credentialId: credential.id,
          actorName: credential.actorName,
          action,
          target,
          requestId,
        }),
      emit: (type, resource, data) => {
        this.emit({ type, resource, data: data as Record<string, unknown>, workspaceId: workspace.id });
      },
    };
    const key = request.headers.get('idempotency-key');
    if (key === null || !MUTATIONS.has(route.method)) return handler(ctx);
    if (key.length < 1 || key.length > 255) {
      throw problems.invalidField('/header/Idempotency-Key', 'must be 1 to 255 characters');
    }
    const outcome = this.idempotency.begin(credential.id, key, route.method, url.pathname + url.search, raw);
    if (outcome.kind === 'replay') {
      return { ...outcome.response, headers: { ...outcome.response.headers, 'Idempotent-Replayed': 'true' } };
    }
    try {
      const result = await handler(ctx);
      outcome.finish({ status: result.status, body: result.body, headers: result.headers ?? {} });
      return result;
    } catch (error) {
      outcome.abandon();
      throw error;
    }
  }

  async #handleControl(
    request: EngineRequest,
    url: RequestUrl,
    requestId: string,
    onRoute: (route: Route) => void,
  ): Promise<RouteResult> {
    if (this.#options.control === false) throw problems.routeNotFound(url.pathname);
    const match = this.#control.match(request.method, url.pathname);
    if (match.kind === 'not_found') throw problems.routeNotFound(url.pathname);
    if (match.kind === 'method_not_allowed')
      throw problems.methodNotAllowed(request.method, url.pathname, match.allowed);
    onRoute(match.route);
    const takesBody = match.route.operation.requestBody !== undefined;
    const raw = await readJsonBody(request, this.#options.maxBodyBytes ?? 1024 * 1024, takesBody);
    const input = this.#controlValidator.validateRequest(match.route, match.params, url, raw);
    const handler = this.#options.controlRoutes[match.route.operationId];
    if (!handler) {
      throw new ApiProblem(
        501,
        'internal_error',
        'Not implemented',
        `${match.route.operationId} is not implemented yet.`,
      );
    }
    return handler({ engine: this, requestId, path: input.path, query: input.query, body: input.body });
  }

  #problemResult(error: unknown, requestId: string, instance: string): RouteResult {
    if (error instanceof ApiProblem) {
      const headers = { ...error.headers };
      return { status: error.status, body: error.toJSON(requestId, instance), headers };
    }
    // A bug, never a client mistake: report it without leaking internals beyond the message.
    const detail = error instanceof Error ? error.message : String(error);
    const problem = new ApiProblem(
      500,
      'internal_error',
      'Internal error',
      `Please report request ${requestId}: ${detail}`,
    );
    return { status: 500, body: problem.toJSON(requestId, instance) };
  }
}
