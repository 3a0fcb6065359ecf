/**
 * Values that satisfy a schema of the bundled spec, as a fast-check arbitrary: the inputs that get
 * past validation and reach the handlers, where a 5xx would hide. Covers the JSON Schema the spec
 * uses (`$ref`, `allOf`/`oneOf`/`anyOf`, `const`, `enum`, type lists, string lengths, patterns and
 * formats, number ranges, arrays, objects with `required` and `additionalProperties`).
 */
import fc from 'fast-check';
import { deref } from '../packages/mock-server/src/engine/spec';

type Schema = Record<string, unknown>;

export interface SchemaHints {
  /** Existing IDs to prefer for `<name>Id` string properties (an `Id`-suffixed name maps here). */
  ids: Record<string, string[]>;
  /** The server's now, for `<name>At` timestamps. */
  now: number;
}

const MAX_DEPTH = 4;

export function arbitraryFor(
  document: Schema,
  raw: unknown,
  hints: SchemaHints,
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  const schema = deref(document, raw ?? {});
  const next = (child: unknown, childName = name) =>
    arbitraryFor(document, child, hints, childName, depth + 1);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key] as unknown[] | undefined;
    if (options?.length) return fc.oneof(...options.map((option) => next(option)));
  }
  if (Array.isArray(schema.allOf)) {
    const merged = (schema.allOf as unknown[]).map((part) => deref(document, part));
    return next({
      ...Object.assign({}, ...merged),
      properties: Object.assign({}, ...merged.map((part) => part.properties ?? {})),
      required: merged.flatMap((part) => (part.required as string[] | undefined) ?? []),
    });
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  if (types.length > 1) return fc.oneof(...types.map((type) => next({ ...schema, type })));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number':
      return numberFor(schema, types[0], name, hints);
    case 'string':
      return stringFor(schema, name, hints);
    case 'array': {
      if (depth >= MAX_DEPTH) return fc.constant([]);
      const minLength = (schema.minItems as number | undefined) ?? 0;
      const maxLength = Math.min((schema.maxItems as number | undefined) ?? 4, minLength + 4);
      const items = next(schema.items, name.replace(/s$/, ''));
      return schema.uniqueItems
        ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
        : fc.array(items, { minLength, maxLength });
    }
    case 'object':
      return objectFor(schema, next, depth);
    default:
      return depth >= MAX_DEPTH ? fc.constant(null) : fc.jsonValue({ maxDepth: 2 });
  }
}

function objectFor(
  schema: Schema,
  next: (child: unknown, name?: string) => fc.Arbitrary<unknown>,
  depth: number,
): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const names = Object.keys(properties).filter((key) => depth < MAX_DEPTH || required.has(key));
  const record = fc.record(Object.fromEntries(names.map((key) => [key, next(properties[key], key)])), {
    requiredKeys: names.filter((key) => required.has(key)),
  });
  const extra = schema.additionalProperties;
  if (!extra || typeof extra !== 'object' || depth >= MAX_DEPTH) return record;
  const maxKeys = Math.min((schema.maxProperties as number | undefined) ?? 3, 3);
  return fc
    .tuple(record, fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), next(extra), { maxKeys }))
    .map(([known, more]) => ({ ...more, ...known }));
}

function numberFor(schema: Schema, type: string, name: string, hints: SchemaHints): fc.Arbitrary<number> {
  const exclusiveMin = schema.exclusiveMinimum as number | undefined;
  const exclusiveMax = schema.exclusiveMaximum as number | undefined;
  const min =
    (schema.minimum as number | undefined) ?? (exclusiveMin === undefined ? undefined : exclusiveMin + 1);
  const max =
    (schema.maximum as number | undefined) ?? (exclusiveMax === undefined ? undefined : exclusiveMax - 1);
  if (type === 'number') {
    return fc.double({
      noNaN: true,
      noDefaultInfinity: true,
      ...(min === undefined ? {} : { min }),
      ...(max === undefined ? {} : { max }),
    });
  }
  const range = fc.integer({
    min: Math.max(min ?? Number.MIN_SAFE_INTEGER, Number.MIN_SAFE_INTEGER),
    max: Math.min(max ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  });
  if (!name.endsWith('At') && name !== 'since') return range;
  // Timestamps near the server's clock reach the time checks; far ones test the edges.
  const near = fc.integer({ min: -600_000, max: 600_000 }).map((delta) => hints.now + delta);
  return fc.oneof(
    { weight: 3, arbitrary: near.filter((n) => (min ?? -Infinity) <= n && n <= (max ?? Infinity)) },
    range,
  );
}

function stringFor(schema: Schema, name: string, hints: SchemaHints): fc.Arbitrary<string> {
  const minLength = (schema.minLength as number | undefined) ?? 0;
  const maxLength = Math.min((schema.maxLength as number | undefined) ?? 60, minLength + 60);
  const known = hints.ids[name] ?? (name === 'id' ? [] : hints.ids[`${name}Id`]) ?? [];
  let base: fc.Arbitrary<string>;
  if (typeof schema.pattern === 'string') {
    base = fc
      .stringMatching(new RegExp(schema.pattern, 'u'))
      .filter(
        (s) => s.length >= minLength && s.length <= ((schema.maxLength as number | undefined) ?? Infinity),
      );
  } else if (schema.format === 'uri' || schema.format === 'url') {
    base = fc.oneof(
      fc.webUrl(),
      fc.constantFrom('http://127.0.0.1:9/hook', 'http://localhost/x', 'https://[::1]/'),
    );
  } else if (schema.format === 'email') {
    base = fc.emailAddress().filter((s) => s.length <= maxLength);
  } else {
    base = fc.oneof(
      fc.string({ minLength, maxLength }),
      fc.string({ unit: 'grapheme', minLength, maxLength }),
      fc.string({ unit: 'binary', minLength, maxLength }),
    );
  }
  return known.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, base) : base;
}
