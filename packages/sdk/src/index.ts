// Configuration
export { type ClientOptions, DEFAULT_BASE_URL, OpencomConfigError, resolveConfig } from './core/config';
// The spec-typed client
export { createRawClient, type RawClient } from './core/raw-client';
// Types generated from spec/openapi.yaml
export type { components, operations, paths, webhooks } from './generated/openapi';
