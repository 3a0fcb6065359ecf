/** Small helpers over the bundled OpenAPI documents the engine routes and validates with. */
export type JsonObject = Record<string, unknown>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Follows local `$ref`s (`#/components/...`) until it reaches a value. */
export function deref(document: JsonObject, value: unknown): JsonObject {
  const ref = (value as { $ref?: unknown } | null)?.$ref;
  if (typeof ref !== 'string') return value as JsonObject;
  const target = ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as JsonObject)[key], document);
  return deref(document, target);
}
