// Public surface of @opencom/sdk: every export by name, types via `export type`; src/internal/ is
// never exported. Areas:
//   client       client.ts (class Opencom) and core/config.ts
//   errors       core/errors.ts (classes chosen by the problem `code`)
//   requests     per-call options, the clock, idempotency keys, withResponse()
//   lists/feed   core/pagination.ts, core/event-stream.ts
//   claims       resources/claim-session.ts
//   resources    the generated namespaces (src/generated/resources.ts) and the hand-written additions
//   raw          core/raw-client.ts (openapi-fetch, errors as data)
//   webhooks     re-exported from @opencom/webhooks
//   spec types   src/generated/openapi.ts and helpers over it

// Webhooks, re-exported from @opencom/webhooks so receivers need one import
export {
  type EventMap,
  type EventType,
  isKnownEvent,
  type KnownEvent,
  type OpencomEvent,
  type UnknownEvent,
  type VerifyWebhookOptions,
  verifyWebhook,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from '@opencom/webhooks';
// Client and configuration
export { Opencom, type OpencomOptions } from './client';
// What facade calls return (withResponse())
export type { ApiPromise, WithResponse } from './core/api-promise';
export type { Clock } from './core/clock';
export { systemClock } from './core/clock';
export {
  type ClientOptions,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  OpencomConfigError,
  resolveConfig,
} from './core/config';
// Errors
export {
  AuthenticationError,
  ClaimConflictError,
  type ClaimHolder,
  ClaimLostError,
  ConflictError,
  ConnectionError,
  type ErrorCode,
  type FieldError,
  IdempotencyError,
  InternalServerError,
  InvalidRequestError,
  NotFoundError,
  OpencomError,
  type OpencomErrorOptions,
  PermissionError,
  type Problem,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from './core/errors';
// Lists and the event feed
export { EventStream, type EventStreamOptions } from './core/event-stream';
// Requests
export { createIdempotencyKey } from './core/idempotency';
export type {
  OperationBody,
  OperationData,
  OperationId,
  OperationItem,
  OperationQuery,
} from './core/operation-types';
export { Page, type PageBody, PagePromise } from './core/pagination';
// The raw client
export { createRawClient, type RateLimitState, type RawClient } from './core/raw-client';
export type { RequestOptions } from './core/request-options';
// Types generated from spec/openapi.yaml
export type { components, operations, paths, webhooks } from './generated/openapi';
// Resource namespaces (generated from the spec's operations)
export type {
  ArticlesResource,
  ClaimsResource,
  CollectionsResource,
  ConversationsResource,
  CustomEventsResource,
  EventsResource,
  MeResource,
  MessagesResource,
  OutboundMessagesResource,
  Resources,
  TicketCommentsResource,
  TicketsResource,
  VisitorsResource,
  WebhookDeliveriesResource,
  WebhooksResource,
} from './generated/resources';
// Claims
export { type AcquireOptions, type Claim, ClaimSession, type Message } from './resources/claim-session';
export type { ClaimSessions } from './resources/claims';
export type { EventStreams } from './resources/events';
export type { WebhookVerification } from './resources/webhooks';
