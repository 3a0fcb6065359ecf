import type { ControlHandler } from '../engine/engine';
import type { FaultCreate } from '../engine/faults';
import { created, noContent } from '../engine/http/json';

/** `POST|DELETE /__control/faults` (spec/control/faults.yaml); the engine applies them in `dispatch`. */
export const faultRoutes: Record<string, ControlHandler> = {
  injectFault: ({ engine, body }) =>
    created(engine.faults.arm(body as FaultCreate, engine.ids.next('flt'), engine.clock.now())),
  clearFaults: ({ engine }) => {
    engine.faults.clear();
    return noContent();
  },
};
