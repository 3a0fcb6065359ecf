import type { EngineState } from '../context';

/** @deprecated IDs from `engine.ids.next(prefix)` already sort in creation order; use it directly. */
export function sequentialId(engine: EngineState, prefix: string): string {
  return engine.ids.next(prefix);
}
