import type { operations } from '../generated/openapi';
import type { ManualClock } from './clock';
import type { CursorCodec } from './cursor';
import type { JsonText, RouteResult } from './http/json';
import type { IdGenerator } from './ids';
import type { Page, PageRequest } from './pagination';
import type { RateLimiter } from './rate-limit';
import type { Scheduler } from './scheduler';
import type { SecretBox } from './secrets';
import type { CredentialRow, EventRow, Store, WorkspaceRow } from './store/store';

export type OperationId = keyof operations;

type Part<Op extends OperationId, K extends string> = operations[Op] extends { parameters: infer P }
  ? P extends { [Key in K]?: infer V }
    ? NonNullable<V>
    : Record<string, never>
  : Record<string, never>;

/** The validated JSON body of an operation (`undefined` when it takes none or none was sent). */
export type BodyOf<Op extends OperationId> = operations[Op] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : undefined;

/** Everything the engine shares across requests. */
export interface EngineState {
  store: Store;
  clock: ManualClock;
  scheduler: Scheduler;
  ids: IdGenerator;
  cursors: CursorCodec;
  rateLimiter: RateLimiter;
  /** Encrypts webhook secrets at rest. */
  secrets: SecretBox;
  /** Appends an event to the workspace's ledger (feed and webhooks read from it). */
  emit(event: Omit<EventRow, 'id' | 'seq' | 'createdAt'>): EventRow;
  /** Records a write in the audit log. */
  audit(entry: {
    workspaceId: string;
    credentialId: string | null;
    actorName: string | null;
    action: string;
    target: { type: string; id: string };
    requestId: string | null;
  }): void;
  /** Reads one page of an index (see pagination.ts). */
  page<R, T>(request: PageRequest<R>, serialize: (row: R) => T): Page<T>;
  /** The same page, serialized from each row's JSON text (see `paginateJson`). */
  pageJson<R>(request: PageRequest<R>, rowJson: (row: R) => string): JsonText;
}

/** What a public API route receives: the caller, and its validated, typed inputs. */
export interface RequestContext<Op extends OperationId = OperationId> {
  engine: EngineState;
  credential: CredentialRow;
  workspace: WorkspaceRow;
  requestId: string;
  /** The engine clock at the start of the request. */
  now: number;
  path: Part<Op, 'path'>;
  query: Part<Op, 'query'>;
  body: BodyOf<Op>;
  /** Shorthand for `engine.audit` with this request's credential. */
  audit(action: string, target: { type: string; id: string }): void;
  /** Shorthand for `engine.emit` in this request's workspace. */
  emit(type: string, resource: { type: string; id: string }, data: unknown): void;
}

export type Handler<Op extends OperationId> = (ctx: RequestContext<Op>) => RouteResult | Promise<RouteResult>;

/** The public routes a module implements, by operationId. */
export type RouteTable = { [Op in OperationId]?: Handler<Op> };
