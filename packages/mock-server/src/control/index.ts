import type { ControlHandler } from '../engine/engine';
import { auditRoutes } from './audit';
import { clockRoutes } from './clock';
import { credentialRoutes } from './credentials';
import { faultRoutes } from './faults';
import { seedRoutes } from './seed';
import { simulationRoutes } from './simulation';
import { workspaceRoutes } from './workspaces';

/** Every control-API operation the server implements, by operationId. */
export const controlRoutes: Record<string, ControlHandler> = {
  ...workspaceRoutes,
  ...credentialRoutes,
  ...seedRoutes,
  ...clockRoutes,
  ...simulationRoutes,
  ...auditRoutes,
  ...faultRoutes,
};
