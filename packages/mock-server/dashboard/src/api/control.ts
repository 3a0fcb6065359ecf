import createClient from 'openapi-fetch';
import type { paths } from '../../../src/generated/control';
import { ControlError } from './failure';

/**
 * The reference server's control API (spec/control.yaml) on the page's own origin: no key, local
 * use only. Credentials, workspaces, the clock and the simulations go through it.
 */
export const control = createClient<paths>({ baseUrl: globalThis.location?.origin ?? '' });

interface Problemish {
  detail?: string;
  title?: string;
  code?: string;
  requestId?: string;
}

/** The data of an openapi-fetch result, or a {@link ControlError} built from its problem document. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data !== undefined && result.response.ok) return result.data;
  const problem = (result.error ?? {}) as Problemish;
  // A server created with `control: false` answers every control route like an unknown path.
  const off =
    result.response.status === 404 && problem.detail?.startsWith('No route for /__control') === true;
  const message = off
    ? 'This server runs without its control API, which credentials and simulations need.'
    : (problem.detail ?? problem.title ?? `HTTP ${result.response.status}`);
  throw new ControlError(
    message,
    result.response.status,
    problem.code,
    problem.requestId ?? result.response.headers.get('x-request-id') ?? undefined,
  );
}
