/** The bundled spec documents, as committed by `pnpm generate` (the drift check keeps them current). */
export { controlDocument } from '../packages/mock-server/src/generated/control-document';
export { openapiDocument } from '../packages/mock-server/src/generated/openapi-document';

export type JsonObject = Record<string, unknown>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface OperationEntry {
  path: string;
  method: (typeof HTTP_METHODS)[number];
  operation: JsonObject;
  pathItem: JsonObject;
}

/** Every operation of a document's `paths` (and optionally `webhooks`). */
export function operations(document: JsonObject, section: 'paths' | 'webhooks' = 'paths'): OperationEntry[] {
  const items = (document[section] ?? {}) as Record<string, JsonObject>;
  return Object.entries(items).flatMap(([path, pathItem]) =>
    HTTP_METHODS.filter((method) => pathItem[method] !== undefined).map((method) => ({
      path,
      method,
      operation: pathItem[method] as JsonObject,
      pathItem,
    })),
  );
}

/** Resolves a local `$ref` (`#/components/...`) one level, or returns the object itself. */
export function deref(document: JsonObject, value: unknown): JsonObject {
  const ref = (value as { $ref?: string }).$ref;
  if (typeof ref !== 'string') return value as JsonObject;
  const target = ref
    .replace(/^#\//, '')
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as JsonObject)[key], document);
  return deref(document, target);
}
