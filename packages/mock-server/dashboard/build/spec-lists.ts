import type { Plugin } from 'vite';
import { openapiDocument } from '../../src/generated/openapi-document.ts';

const ID = 'virtual:spec-lists';

/** The enums the dashboard offers as choices, by the spec's schema name. */
const LISTS = {
  scopes: 'Scope',
  eventTypes: 'EventType',
  resourceTypes: 'ResourceType',
  channels: 'Channel',
  deliveryStatuses: 'WebhookDeliveryStatus',
  conversationStatuses: 'ConversationStatus',
} as const;

function enumOf(schema: string): string[] {
  const components = openapiDocument.components as { schemas: Record<string, { enum?: unknown }> };
  const values = components.schemas[schema]?.enum;
  if (!Array.isArray(values)) throw new Error(`spec-lists: the spec has no enum schema ${schema}`);
  return values.map(String);
}

/**
 * `import { scopes } from 'virtual:spec-lists'`: the spec's enums, read from the bundled document at
 * build time, so the page's pickers cover every scope and event type without shipping the document.
 */
export function specLists(): Plugin {
  return {
    name: 'opencom-spec-lists',
    resolveId: (id) => (id === ID ? `\0${ID}` : null),
    load(id) {
      if (id !== `\0${ID}`) return null;
      return Object.entries(LISTS)
        .map(([name, schema]) => `export const ${name} = ${JSON.stringify(enumOf(schema))};`)
        .join('\n');
    },
  };
}
