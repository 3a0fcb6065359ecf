// The spec's enums, generated at build time by build/spec-lists.ts; typed in spec-lists.ts.
declare module 'virtual:spec-lists' {
  export const scopes: readonly string[];
  export const eventTypes: readonly string[];
  export const resourceTypes: readonly string[];
  export const channels: readonly string[];
  export const deliveryStatuses: readonly string[];
  export const conversationStatuses: readonly string[];
}
