import { deliveriesOf } from '../engine/delivery/registry';
import type { ControlHandler, Engine } from '../engine/engine';
import { ok } from '../engine/http/json';
import { problems } from '../engine/http/problem';
import type { components } from '../generated/control';

type ClockState = components['schemas']['ClockState'];
type ClockAdvance = components['schemas']['ClockAdvance'];

function clockState(engine: Engine): ClockState {
  return {
    now: engine.clock.now(),
    pendingTasks: engine.scheduler.pending,
    nextTaskAt: engine.scheduler.nextAt,
  };
}

export const clockRoutes: Record<string, ControlHandler> = {
  getClock: ({ engine }) => ok(clockState(engine)),

  advanceClock: async ({ engine, body }) => {
    const advance = body as ClockAdvance;
    const now = engine.clock.now();
    // The schema's oneOf guarantees exactly one of `ms` and `to`.
    const to = 'to' in advance ? advance.to : now + advance.ms;
    if (to < now) throw problems.conflict(`The clock only moves forward; now is ${now}.`);
    // Stops at each due task's time and waits for the webhook attempts it starts, so a whole retry
    // chain that falls inside the window runs before the response (spec/control/clock.yaml).
    const ranTasks = await deliveriesOf(engine).advanceTo(to);
    return ok({ ...clockState(engine), ranTasks });
  },
};
