import type { ControlHandler } from '../engine/engine';

export const clockRoutes: Record<string, ControlHandler> = {};
