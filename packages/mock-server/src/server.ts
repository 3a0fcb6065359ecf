import { controlRoutes } from './control/index';
import { attachDeliveries } from './engine/delivery/registry';
import { type DeliveryOptions, DeliveryWorker } from './engine/delivery/worker';
import { Engine, type EngineOptions } from './engine/engine';
import { scheduleClaimExpiry } from './engine/routes/claim-expiry';
import { publicRoutes } from './engine/routes/index';

export type MockServerOptions = Omit<EngineOptions, 'routes' | 'controlRoutes'> & {
  /**
   * Waits before each webhook delivery attempt, in ms: entry `i` precedes attempt `i + 1`, so the
   * length is the number of attempts. Default `[0, 30_000, 120_000, 600_000, 3_600_000]` (the seed's).
   */
  retrySchedule?: readonly number[];
  /** Webhook delivery I/O: `fetch`, the per-attempt `timeoutMs` (10 000) and the jitter `random`. */
  delivery?: Omit<DeliveryOptions, 'retrySchedule'>;
};

/** A reference server: the engine plus its webhook delivery worker. */
export type MockServer = Engine & {
  /**
   * Webhook deliveries: `await server.deliveries.idle()` waits for attempts in flight, and
   * `server.deliveries.advanceBy(ms)` moves the clock while letting every due attempt finish.
   */
  readonly deliveries: DeliveryWorker;
};

/**
 * Creates a reference server: call `handle(request)` directly, or wrap it with the msw handlers or
 * the HTTP server adapter.
 *
 * @example
 * const server = createMockServer({ rateLimits: false });
 * const response = await server.handle(new Request('http://localhost/api/v1/me', { headers }));
 */
export function createMockServer(options: MockServerOptions = {}): MockServer {
  const { retrySchedule, delivery, ...engineOptions } = options;
  const engine = new Engine({
    ...engineOptions,
    routes: publicRoutes as EngineOptions['routes'],
    controlRoutes,
  });
  const deliveries = new DeliveryWorker(engine, {
    ...delivery,
    ...(retrySchedule === undefined ? {} : { retrySchedule }),
  });
  attachDeliveries(engine, deliveries);
  engine.eventListeners.push((event) => deliveries.fanOut(event));
  if (engine.journal) {
    // State restored from `dataDir`: re-arm the work that lived only in the scheduler. Restored
    // events are not emitted again, so no webhook goes out twice from the restore itself.
    for (const claim of engine.store.claims.values()) {
      if (claim.status === 'active') scheduleClaimExpiry(engine, claim);
    }
    deliveries.resumePending();
  }
  return Object.assign(engine, { deliveries });
}
