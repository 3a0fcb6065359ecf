// The reference server

// Serving it over HTTP (msw handlers live in the `@opencom/mock-server/msw` subpath)
export { type HttpServer, type HttpServerOptions, startHttpServer } from './adapters/http';
// Seeding a workspace without the control API
export { seedDemoWorkspace, seedEmptyWorkspace } from './control/seed';
// The control API (`/__control/`, spec/control.yaml), typed
export {
  type ControlClient,
  type ControlClientOptions,
  type ControlPaths,
  createControlClient,
} from './control-client';
// Time: the engine's injectable clock
export { type Clock, ManualClock, systemClock } from './engine/clock';
// Webhook delivery (`server.deliveries`) and its retry schedule, in the `--retry-schedule` syntax too
export { DEFAULT_RETRY_SCHEDULE, parseRetrySchedule } from './engine/delivery/retry-schedule';
export type { DeliveryOptions, DeliveryWorker } from './engine/delivery/worker';
// The scheduler that runs on that clock (lease expiry, delivery retries, key expiry)
export { Scheduler, type TaskHandle } from './engine/scheduler';
export { createMockServer, type MockServer, type MockServerOptions } from './server';
