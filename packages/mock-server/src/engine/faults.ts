import type { components } from '../generated/control';
import type { EngineRequest } from './engine';
import { ApiProblem, type ErrorCode } from './http/problem';

export type Fault = components['schemas']['Fault'];
export type FaultCreate = components['schemas']['FaultCreate'];
type FaultStatus = components['schemas']['FaultStatus'];

interface ArmedFault {
  fault: Fault;
  method: string | undefined;
  path: RegExp;
}

/**
 * `{name}` matches one non-empty segment and a trailing `*` any rest (spec/control/schemas.yaml
 * FaultMatch); everything else is literal.
 */
function compilePath(template: string): RegExp {
  const prefix = template.endsWith('*');
  const literal = prefix ? template.slice(0, -1) : template;
  const source = literal
    .split(/(\{[^/{}]+\})/)
    .map((part) => (/^\{[^/{}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}${prefix ? '' : '$'}`);
}

/**
 * Faults injected through `POST /__control/faults`, in injection order. Each matching public request
 * takes the oldest armed fault that matches it, once; a fault is gone when its `times` are spent.
 */
export class FaultTable {
  #armed: ArmedFault[] = [];

  arm(input: FaultCreate, id: string, now: number): Fault {
    const times = input.times ?? 1;
    const fault: Fault = {
      id,
      match: input.match,
      kind: input.kind,
      status: input.kind === 'status' ? input.status : null,
      retryAfter: input.kind === 'status' ? (input.retryAfter ?? null) : null,
      delayMs: input.kind === 'delay' ? input.delayMs : null,
      times,
      remaining: times,
      createdAt: now,
    };
    this.#armed.push({ fault, method: input.match.method, path: compilePath(input.match.path) });
    return { ...fault, match: { ...fault.match } };
  }

  /** The fault this request hits, if any, with its `remaining` already counted down. */
  take(method: string, pathname: string): Fault | undefined {
    if (this.#armed.length === 0) return undefined;
    const index = this.#armed.findIndex(
      (armed) => (armed.method === undefined || armed.method === method) && armed.path.test(pathname),
    );
    const armed = this.#armed[index];
    if (armed === undefined) return undefined;
    armed.fault.remaining--;
    if (armed.fault.remaining === 0) this.#armed.splice(index, 1);
    return armed.fault;
  }

  clear(): void {
    this.#armed = [];
  }
}

const STATUS_PROBLEMS: Record<FaultStatus, [ErrorCode, string]> = {
  408: ['request_timeout', 'Request timeout'],
  409: ['idempotency_in_progress', 'Request in progress'],
  429: ['rate_limited', 'Rate limit exceeded'],
  500: ['internal_error', 'Internal error'],
  502: ['service_unavailable', 'Service unavailable'],
  503: ['service_unavailable', 'Service unavailable'],
  504: ['service_unavailable', 'Service unavailable'],
};

/** The answer of a `status` fault: a problem whose `code` matches the status, and `Retry-After` if set. */
export function faultProblem(fault: Fault): ApiProblem {
  // Only `status` faults get here, and they always carry one.
  const status = fault.status as FaultStatus;
  const [code, title] = STATUS_PROBLEMS[status];
  const detail = `Injected by fault ${fault.id} (POST /__control/faults); the request did not run.`;
  if (fault.retryAfter === null) return new ApiProblem(status, code, title, detail);
  return new ApiProblem(
    status,
    code,
    title,
    detail,
    { retryAfter: fault.retryAfter },
    { 'Retry-After': String(fault.retryAfter) },
  );
}

/**
 * The request once a `delay` fault's `delayMs` of real time has passed, its body read first: it then
 * runs even if the client gave up meanwhile and its connection is gone.
 */
export async function afterDelay(request: EngineRequest, fault: Fault): Promise<EngineRequest> {
  const bytes = await request.bytes();
  await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 0));
  return { ...request, bytes: async () => bytes };
}
