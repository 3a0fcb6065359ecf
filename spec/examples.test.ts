import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { controlDocument, type JsonObject, openapiDocument } from './documents';

/** Where an example sits in the document, and the schema it must satisfy. */
interface ExampleSite {
  pointer: string;
  schemaPointer: string;
  value: unknown;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Walks the bundled document and collects every example next to the schema it illustrates. */
function collectExamples(document: JsonObject): ExampleSite[] {
  const sites: ExampleSite[] = [];
  const resolve = (value: unknown): unknown => {
    const ref = (value as { $ref?: string } | null)?.$ref;
    if (typeof ref !== 'string') return value;
    return resolve(
      ref
        .slice(2)
        .split('/')
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<unknown>((node, key) => (node as JsonObject)[key], document),
    );
  };
  const walk = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) {
      for (const [index, child] of node.entries()) walk(child, `${pointer}/${index}`);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const object = node as JsonObject;
    // A Media Type or Parameter object: `schema` beside `example` or `examples`.
    if (object.schema !== undefined && typeof object.schema === 'object') {
      const schemaPointer = `${pointer}/schema`;
      if ('example' in object)
        sites.push({ pointer: `${pointer}/example`, schemaPointer, value: object.example });
      const examples = (object.examples ?? {}) as Record<string, unknown>;
      for (const [name, example] of Object.entries(examples)) {
        const resolved = resolve(example) as { value?: unknown };
        if ('value' in resolved) {
          sites.push({
            pointer: `${pointer}/examples/${escapePointer(name)}`,
            schemaPointer,
            value: resolved.value,
          });
        }
      }
    }
    for (const [key, child] of Object.entries(object)) {
      if (key === 'example' || key === 'examples') continue;
      walk(child, `${pointer}/${escapePointer(key)}`);
    }
  };
  walk(document, '');
  return sites;
}

function validatorFor(document: JsonObject) {
  // OpenAPI keywords such as `example` and `discriminator` are not JSON Schema: strict mode would
  // reject them, so they are ignored here (the shapes they describe are still checked by oneOf/const).
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(document, 'doc');
  return (schemaPointer: string, value: unknown) => {
    const validate = ajv.compile({ $ref: `doc#${schemaPointer}` });
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

describe.each([
  ['spec/openapi.yaml', openapiDocument],
  ['spec/control.yaml', controlDocument],
])('examples in %s', (_name, document) => {
  const sites = collectExamples(document);
  const validate = validatorFor(document);

  it('has examples to check', () => {
    expect(sites.length).toBeGreaterThan(20);
  });

  it.each(sites.map((site) => [site.pointer, site] as const))('%s matches its schema', (_pointer, site) => {
    expect(validate(site.schemaPointer, site.value)).toEqual([]);
  });
});
