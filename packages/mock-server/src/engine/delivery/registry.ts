import type { EngineState } from '../context';
import type { DeliveryWorker } from './worker';

const workers = new WeakMap<EngineState, DeliveryWorker>();

/** Links a server's delivery worker to its engine, so routes reach it through `ctx.engine`. */
export function attachDeliveries(engine: EngineState, worker: DeliveryWorker): void {
  workers.set(engine, worker);
}

/** The delivery worker of an engine built by `createMockServer`. */
export function deliveriesOf(engine: EngineState): DeliveryWorker {
  const worker = workers.get(engine);
  if (!worker) {
    throw new Error(
      '@opencom/mock-server: this engine has no webhook delivery worker; build it with createMockServer',
    );
  }
  return worker;
}
