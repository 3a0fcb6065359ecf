// Public surface of @opencom/webhooks: every export by name, types via `export type`; src/internal/
// is never exported. Biome keeps the list sorted by module, so the areas are:
//   verify       verify.ts, verify-signature.ts, errors.ts, body.ts, headers.ts, schemes/
//   events       events.ts (over the generated src/generated/events.ts)
//   sign         sign.ts (tests and senders), secret.ts
//   adapters     adapters/fetch.ts (Fetch API), adapters/node.ts (Express, node:http)
//   dedupe       dedupe.ts, memory-store.ts
// The same list is built twice (tsup.config.ts): the Node build computes HMACs with node:crypto, the
// Web build with Web Crypto; package.json `exports` conditions pick one at import time.

export type { WebhookHandlerContext, WebhookHandlerOptions } from './adapters/fetch.js';
export { createWebhookHandler } from './adapters/fetch.js';
export type {
  NodeWebhookContext,
  NodeWebhookRequest,
  NodeWebhookResponse,
  WebhookMiddlewareOptions,
} from './adapters/node.js';
export { createWebhookMiddleware } from './adapters/node.js';
export type { WebhookBody } from './body.js';
export type { DedupeResult, Deduper, DeduperOptions } from './dedupe.js';
export { createDeduper } from './dedupe.js';
export type { WebhookVerificationReason } from './errors.js';
export { WebhookVerificationError } from './errors.js';
export type { EventMap, EventType, KnownEvent, OpencomEvent, UnknownEvent } from './events.js';
export { EVENT_TYPES, isEvent, isKnownEvent } from './events.js';
export type { WebhookHeaders } from './headers.js';
export type { DedupeStore, MemoryStoreOptions } from './memory-store.js';
export { createMemoryStore } from './memory-store.js';
export type { WebhookScheme } from './schemes/signed-delivery.js';
export { generateSecret, isValidSecret, parseSecret } from './secret.js';
export type { GenerateTestHeadersOptions, SignWebhookOptions } from './sign.js';
export { generateTestHeaders, generateTestHeadersSync, signWebhook, signWebhookSync } from './sign.js';
export type { VerifySettings, VerifyWebhookOptions } from './verify.js';
export { verifyWebhook, verifyWebhookSync } from './verify.js';
export type { WebhookDelivery } from './verify-signature.js';
export { verifyWebhookSignature, verifyWebhookSignatureSync } from './verify-signature.js';
