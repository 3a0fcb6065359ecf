import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ApiProblem, type FieldError, problems } from './http/problem';
import type { Route } from './router';
import { deref, type JsonObject } from './spec';

// ajv-formats is CommonJS; its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The parsed, validated and type-coerced inputs of one request. */
export interface RequestInput {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

interface ParameterSpec {
  name: string;
  in: string;
  required: boolean;
  style: string | undefined;
  explode: boolean | undefined;
  schemaType: unknown;
  pointer: string;
}

interface CompiledRoute {
  parameters: ParameterSpec[];
  queryByName: Map<string, ParameterSpec>;
  path: ValidateFunction;
  query: ValidateFunction;
  body: ValidateFunction | undefined;
  bodyRequired: boolean;
}

function toFieldErrors(
  where: 'path' | 'query' | 'body',
  errors: ErrorObject[] | null | undefined,
): FieldError[] {
  return (errors ?? []).map((error) => {
    const params = error.params as { missingProperty?: string; additionalProperty?: string };
    let pointer = `/${where}${error.instancePath}`;
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'required' && params.missingProperty) {
      pointer = `${pointer}/${escapePointer(params.missingProperty)}`;
      message = 'is required';
    } else if (error.keyword === 'additionalProperties' && params.additionalProperty) {
      pointer = `${pointer}/${escapePointer(params.additionalProperty)}`;
      message = where === 'query' ? 'is not a known parameter' : 'is not a known property';
    } else if (error.keyword === 'enum') {
      message = `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}`;
    }
    return { pointer, message };
  });
}

/**
 * Validates requests (and, when asked, responses) against the bundled spec. Schemas are compiled
 * once per operation, on first use, from JSON pointers into the document, so `$ref`s resolve as the
 * spec wrote them.
 */
export class SpecValidator {
  static readonly #shared = new WeakMap<JsonObject, SpecValidator>();

  /** One validator per document, shared by every engine: compiling the schemas is the costly part. */
  static for(document: JsonObject): SpecValidator {
    let validator = SpecValidator.#shared.get(document);
    if (!validator) {
      validator = new SpecValidator(document);
      SpecValidator.#shared.set(document, validator);
    }
    return validator;
  }

  readonly #document: JsonObject;
  readonly #inputs: Ajv2020;
  readonly #outputs: Ajv2020;
  readonly #compiled = new Map<Route, CompiledRoute>();
  readonly #responses = new Map<string, ValidateFunction | null>();
  #problem: ValidateFunction | undefined;

  constructor(document: JsonObject) {
    this.#document = document;
    // OpenAPI-only keywords (`example`, `discriminator`) are not JSON Schema: strict mode is off.
    this.#inputs = new Ajv2020({ strict: false, allErrors: true, coerceTypes: true, useDefaults: false });
    this.#outputs = new Ajv2020({ strict: false, allErrors: true });
    for (const ajv of [this.#inputs, this.#outputs]) {
      addFormats(ajv);
      ajv.addSchema(document, 'doc');
    }
  }

  #pointerOf(value: unknown, fallback: string): string {
    const ref = (value as { $ref?: unknown }).$ref;
    return typeof ref === 'string' ? ref.slice(1) : fallback;
  }

  #compile(route: Route): CompiledRoute {
    const cached = this.#compiled.get(route);
    if (cached) return cached;
    const pathItemPointer = route.pointer.slice(0, route.pointer.lastIndexOf('/'));
    const sources: Array<[unknown[], string]> = [
      [(route.pathItem.parameters as unknown[]) ?? [], `${pathItemPointer}/parameters`],
      [(route.operation.parameters as unknown[]) ?? [], `${route.pointer}/parameters`],
    ];
    const parameters = sources.flatMap(([list, base]) =>
      list.map((raw, i) => {
        const parameter = deref(this.#document, raw);
        const schema = deref(this.#document, parameter.schema);
        return {
          name: parameter.name as string,
          in: parameter.in as string,
          required: parameter.required === true,
          style: parameter.style as string | undefined,
          explode: parameter.explode as boolean | undefined,
          schemaType: schema.type,
          pointer: `${this.#pointerOf(raw, `${base}/${i}`)}/schema`,
        };
      }),
    );
    const objectSchema = (location: string) => {
      const own = parameters.filter((p) => p.in === location);
      return {
        type: 'object',
        properties: Object.fromEntries(own.map((p) => [p.name, { $ref: `doc#${p.pointer}` }])),
        required: own.filter((p) => p.required).map((p) => p.name),
        additionalProperties: false,
      };
    };
    const requestBody = route.operation.requestBody
      ? deref(this.#document, route.operation.requestBody)
      : undefined;
    const bodyPointer = requestBody
      ? `${this.#pointerOf(route.operation.requestBody, `${route.pointer}/requestBody`)}/content/application~1json/schema`
      : undefined;
    const compiled: CompiledRoute = {
      parameters,
      queryByName: new Map(parameters.filter((p) => p.in === 'query').map((p) => [p.name, p])),
      path: this.#inputs.compile(objectSchema('path')),
      query: this.#inputs.compile(objectSchema('query')),
      body: bodyPointer ? this.#outputs.compile({ $ref: `doc#${bodyPointer}` }) : undefined,
      bodyRequired: requestBody?.required === true,
    };
    this.#compiled.set(route, compiled);
    return compiled;
  }

  /** Parses the query string the way the spec declares each parameter (form arrays, deepObject). */
  #parseQuery(compiled: CompiledRoute, search: URLSearchParams): Record<string, unknown> {
    const query: Record<string, unknown> = {};
    const byName = compiled.queryByName;
    for (const [rawName, value] of search) {
      // `name[key]` (deepObject); the test on the last character skips the regexp for plain names.
      const bracket = rawName.endsWith(']') ? /^([^[\]]+)\[([^[\]]*)\]$/.exec(rawName) : null;
      if (bracket) {
        const [, name = '', key = ''] = bracket;
        const target = (query[name] ?? {}) as Record<string, unknown>;
        target[key] = value;
        query[name] = target;
        continue;
      }
      const spec = byName.get(rawName);
      if (spec?.schemaType === 'array') {
        query[rawName] = value === '' ? [] : value.split(',');
      } else {
        query[rawName] = value;
      }
    }
    return query;
  }

  /** Validates and coerces path, query and body; throws a 400/415 problem listing every mistake. */
  validateRequest(
    route: Route,
    params: Record<string, string>,
    url: { searchParams: URLSearchParams },
    body: unknown,
  ): RequestInput {
    const compiled = this.#compile(route);
    const path: Record<string, unknown> = { ...params };
    const query = this.#parseQuery(compiled, url.searchParams);
    const errors: FieldError[] = [];
    if (!compiled.path(path)) errors.push(...toFieldErrors('path', compiled.path.errors));
    if (!compiled.query(query)) errors.push(...toFieldErrors('query', compiled.query.errors));
    if (body === undefined) {
      if (compiled.bodyRequired) errors.push({ pointer: '/body', message: 'is required' });
    } else if (!compiled.body) {
      errors.push({ pointer: '/body', message: 'this operation takes no body' });
    } else if (!compiled.body(body)) {
      errors.push(...toFieldErrors('body', compiled.body.errors));
    }
    if (errors.length > 0) throw problems.validation(errors);
    return { path, query, body };
  }

  /** Checks a problem document against the spec's `Problem` schema; returns the violations. */
  validateProblem(body: unknown): string[] {
    this.#problem ??= this.#outputs.compile({ $ref: 'doc#/components/schemas/Problem' });
    if (this.#problem(body)) return [];
    return (this.#problem.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  }

  /** Checks a response body against the spec; returns the violations (empty when it conforms). */
  validateResponse(route: Route, status: number, contentType: string, body: unknown): string[] {
    const cacheKey = `${route.pointer} ${status} ${contentType}`;
    let validate = this.#responses.get(cacheKey);
    if (validate === undefined) {
      const responses = (route.operation.responses ?? {}) as Record<string, unknown>;
      const declared = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
      if (declared === undefined) return [`status ${status} is not documented for ${route.operationId}`];
      const key = String(status) in responses ? String(status) : `${String(status)[0]}XX`;
      const base = this.#pointerOf(declared, `${route.pointer}/responses/${key}`);
      const response = deref(this.#document, declared);
      const content = (response.content ?? {}) as Record<string, unknown>;
      if (!(contentType in content)) {
        validate = null;
        if (Object.keys(content).length > 0 || body !== undefined) {
          return [
            `${route.operationId} ${status}: content type ${contentType || '(none)'} is not documented`,
          ];
        }
      } else {
        validate = this.#outputs.compile({
          $ref: `doc#${base}/content/${escapePointer(contentType)}/schema`,
        });
      }
      this.#responses.set(cacheKey, validate);
    }
    if (validate === null || validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  }
}

/**
 * Reads and parses a JSON request body: 413 over the limit, 415 for other media types, 400 for bad JSON.
 * An operation without a `requestBody` (`takesBody` false) answers any body with its documented 400,
 * whatever its size or media type: 413 and 415 are documented only where a body belongs.
 */
export async function readJsonBody(
  request: { headers: { get(name: string): string | null }; bytes(): Promise<Uint8Array | null> },
  maxBytes: number,
  takesBody = true,
): Promise<unknown> {
  if (!takesBody) {
    const buffer = await request.bytes();
    if (buffer === null || buffer.byteLength === 0) return undefined;
    throw problems.invalidField('/body', 'this operation takes no body');
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw payloadTooLarge(maxBytes);
  const buffer = await request.bytes();
  if (buffer === null || buffer.byteLength === 0) return undefined;
  if (buffer.byteLength > maxBytes) throw payloadTooLarge(maxBytes);
  const contentType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (contentType !== 'application/json' && !contentType.endsWith('+json')) {
    throw new ApiProblem(
      415,
      'unsupported_media_type',
      'Unsupported media type',
      `Send the body as application/json (got ${contentType || 'no Content-Type'}).`,
    );
  }
  try {
    return JSON.parse(new TextDecoder().decode(buffer));
  } catch (error) {
    throw new ApiProblem(400, 'malformed_request', 'Malformed JSON body', (error as Error).message, {
      errors: [{ pointer: '/body', message: 'is not valid JSON' }],
    });
  }
}

function payloadTooLarge(maxBytes: number): ApiProblem {
  return new ApiProblem(
    413,
    'payload_too_large',
    'Payload too large',
    `Request bodies are limited to ${maxBytes} bytes.`,
  );
}
