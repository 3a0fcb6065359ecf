import type { ControlHandler } from '../engine/engine';

export const auditRoutes: Record<string, ControlHandler> = {};
