import type { ControlHandler } from '../engine/engine';

export const simulationRoutes: Record<string, ControlHandler> = {};
