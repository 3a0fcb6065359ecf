import type { ControlHandler } from '../engine/engine';

export const seedRoutes: Record<string, ControlHandler> = {};
