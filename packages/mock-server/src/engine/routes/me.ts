import type { RouteTable } from '../context';
import { ok } from '../http/json';

export const meRoutes: RouteTable = {
  getMe: ({ engine, credential, workspace, now }) =>
    ok({
      credentialId: credential.id,
      name: credential.name,
      actorName: credential.actorName,
      scopes: credential.scopes,
      workspace: { id: workspace.id, name: workspace.name },
      rateLimits: engine.rateLimiter.snapshot(credential.id, workspace.id, now),
      createdAt: credential.createdAt,
      expiresAt: credential.expiresAt,
      // The previous use of the key, not this request, so `opencom whoami` says something useful.
      lastUsedAt: credential.lastUsedAt,
    }),
};
