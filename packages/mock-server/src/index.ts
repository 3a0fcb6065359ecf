// The reference server

// Time: the engine's injectable clock and the scheduler that runs on it
export { type Clock, ManualClock, systemClock } from './engine/clock';
export { Scheduler, type TaskHandle } from './engine/scheduler';
export { createMockServer, type MockServer, type MockServerOptions } from './server';
