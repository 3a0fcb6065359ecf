import { controlRoutes } from './control/index';
import { Engine, type EngineOptions } from './engine/engine';
import { publicRoutes } from './engine/routes/index';

export type MockServerOptions = Omit<EngineOptions, 'routes' | 'controlRoutes'>;

/**
 * Creates a reference server: call `handle(request)` directly, or wrap it with the msw handlers or
 * the HTTP server adapter.
 *
 * @example
 * const server = createMockServer({ rateLimits: false });
 * const response = await server.handle(new Request('http://localhost/api/v1/me', { headers }));
 */
export function createMockServer(options: MockServerOptions = {}): Engine {
  return new Engine({
    ...options,
    routes: publicRoutes as EngineOptions['routes'],
    controlRoutes,
  });
}

export type { Engine as MockServer };
