/**
 * The SDK part of `pnpm generate`: turns the spec's operations into the resource namespaces of
 * `packages/sdk/src/generated/resources.ts` (`opencom.conversations.list(query)`, ...).
 *
 * Naming rule, from the operationId and the operation's first tag:
 * - the namespace is the tag, camel-cased (`Outbound messages` → `outboundMessages`), unless
 *   NAMESPACE_BY_TAG says otherwise (`Webhook deliveries` → `webhooks.deliveries`);
 * - the operationId must be `<verb><Noun>[<Rest>]` where Noun is the tag's noun, plural or singular
 *   (`listConversations`, `getConversation`); the method is `<verb><Rest>` (`upsertByExternalId`,
 *   `rotateSecret`);
 * - when Rest names a path segment that follows a path parameter, it is a sub-resource
 *   (`listTicketComments` on `/tickets/{ticketId}/comments` → `tickets.comments.list`);
 * - a verb on the plural noun other than list/search acts on many records and gets `Many`
 *   (`replayWebhookDeliveries` → `webhooks.deliveries.replayMany`);
 * - NAME_OVERRIDES names what the rule cannot (`claimConversation` → `claims.claim`).
 * An operationId the rule cannot name, a name used twice, or a name taken by a hand-written member
 * stops the generator with an error naming the operation.
 *
 * Each method calls openapi-fetch with a literal path, so the generated code is type-checked against
 * the spec's `paths`: a spec change that breaks a method fails `pnpm typecheck`.
 */

type JsonObject = Record<string, unknown>;

/** What the generator needs to know about one operation of the spec. */
export interface OperationInfo {
  operationId: string;
  method: string;
  path: string;
  tag: string;
  summary: string;
  scope: string | undefined;
  /** Path parameters in the order they appear in the path. */
  pathParams: string[];
  queryParams: { name: string; required: boolean }[];
  /** Header parameters other than `Idempotency-Key` (the SDK sets that one). */
  headerParams: string[];
  body: 'required' | 'optional' | 'none';
}

/** Where an operation lives in the facade: `opencom.<namespace...>.<method>`. */
export interface MethodName {
  namespace: string[];
  method: string;
}

/** Namespaces that are not the camel-cased tag. */
const NAMESPACE_BY_TAG: Record<string, string[]> = {
  'Webhook deliveries': ['webhooks', 'deliveries'],
};

/** operationIds the rule cannot name, with the dotted name they get. */
const NAME_OVERRIDES: Record<string, string> = {
  // The verb is the tag's own noun ("claim a conversation"), so no noun follows it.
  claimConversation: 'claims.claim',
};

/** Member names written by hand in packages/sdk/src/resources/, per namespace, and names no namespace may use. */
const RESERVED: Record<string, readonly string[]> = {
  '*': ['then', 'catch', 'finally', 'constructor', 'prototype', '__proto__', 'toString', 'valueOf'],
  claims: ['acquire'],
  events: ['stream'],
  webhooks: ['verify'],
};

const PLURAL_VERBS = new Set(['list', 'search']);

export class ResourceNamingError extends Error {
  override readonly name = 'ResourceNamingError';
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const camel = (words: readonly string[]) =>
  words
    .map((word, i) => (i === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : capitalize(word)))
    .join('');
const pascal = (words: readonly string[]) => words.map(capitalize).join('');
const splitCamel = (id: string) => id.split(/(?=[A-Z])/);
const singular = (word: string) =>
  word.endsWith('ies') ? `${word.slice(0, -3)}y` : word.endsWith('s') ? word.slice(0, -1) : word;
const startsWith = (words: readonly string[], prefix: readonly string[]) =>
  prefix.length > 0 && prefix.every((word, i) => words[i] === word);

/** The sub-resource a method's trailing words name: a literal path segment right after a parameter. */
function subResource(path: string, rest: readonly string[]): { name: string; plural: boolean } | undefined {
  const segments = path.split('/').filter(Boolean);
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i] ?? '';
    if (!segments[i - 1]?.startsWith('{') || segment.startsWith('{')) continue;
    const plural = segment.split('-').map(capitalize);
    const one = [...plural.slice(0, -1), singular(plural.at(-1) ?? '')];
    if (rest.join() === plural.join()) return { name: camel(plural), plural: true };
    if (rest.join() === one.join()) return { name: camel(plural), plural: false };
  }
  return undefined;
}

/** Applies the naming rule (see the top of this file) to one operation. */
export function nameOperation(op: Pick<OperationInfo, 'operationId' | 'tag' | 'path'>): MethodName {
  const override = NAME_OVERRIDES[op.operationId];
  if (override !== undefined) {
    const parts = override.split('.');
    return { namespace: parts.slice(0, -1), method: parts.at(-1) ?? '' };
  }
  const tagWords = op.tag.split(/\s+/).map(capitalize);
  const namespace = NAMESPACE_BY_TAG[op.tag] ?? [camel(tagWords)];
  const plural = tagWords;
  const one = [...tagWords.slice(0, -1), singular(tagWords.at(-1) ?? '')];
  const [verb = '', ...rest] = splitCamel(op.operationId);
  const isPlural = plural.join() !== one.join() && startsWith(rest, plural);
  const noun = isPlural ? plural : startsWith(rest, one) ? one : undefined;
  if (verb === '' || noun === undefined) {
    throw new ResourceNamingError(
      `cannot name operation ${op.operationId} (${op.tag}): expected <verb>${pascal(one)}… or <verb>${pascal(
        plural,
      )}…; add it to NAME_OVERRIDES in scripts/sdk-resources.ts`,
    );
  }
  const after = rest.slice(noun.length);
  const sub = after.length > 0 ? subResource(op.path, after) : undefined;
  const many = (pluralNoun: boolean) => (pluralNoun && !PLURAL_VERBS.has(verb) ? ['Many'] : []);
  if (sub !== undefined)
    return { namespace: [...namespace, sub.name], method: camel([verb, ...many(sub.plural)]) };
  return { namespace, method: camel([verb, ...many(isPlural), ...after]) };
}

function deref(document: JsonObject, value: unknown): JsonObject {
  let current = value as JsonObject;
  while (typeof current.$ref === 'string') {
    const pointer = current.$ref.replace(/^#\//, '').split('/');
    current = pointer.reduce<JsonObject>((node, key) => node[key] as JsonObject, document);
  }
  return current;
}

const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/** Every operation of a bundled spec document, in document order. */
export function collectOperations(document: JsonObject): OperationInfo[] {
  const operations: OperationInfo[] = [];
  for (const [path, rawItem] of Object.entries(document.paths as Record<string, JsonObject>)) {
    const item = deref(document, rawItem);
    for (const method of HTTP_METHODS) {
      const op = item[method] as JsonObject | undefined;
      if (op === undefined) continue;
      const parameters = [
        ...((item.parameters as unknown[] | undefined) ?? []),
        ...((op.parameters as unknown[] | undefined) ?? []),
      ].map((p) => deref(document, p) as { name: string; in: string; required?: boolean });
      const requestBody = op.requestBody === undefined ? undefined : deref(document, op.requestBody);
      const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
      operations.push({
        operationId: String(op.operationId),
        method: method.toUpperCase(),
        path,
        tag: String((op.tags as string[] | undefined)?.[0] ?? ''),
        summary: String(op.summary ?? op.operationId),
        scope: op['x-required-scope'] as string | undefined,
        pathParams,
        queryParams: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, required: !!p.required })),
        headerParams: parameters
          .filter((p) => p.in === 'header' && p.name.toLowerCase() !== 'idempotency-key')
          .map((p) => p.name),
        body: requestBody === undefined ? 'none' : requestBody.required ? 'required' : 'optional',
      });
    }
  }
  return operations;
}

interface Method {
  op: OperationInfo;
  name: string;
  /** `cursor` or `after`: the query parameter that takes the previous page's `nextCursor`. */
  cursorParam: string | undefined;
}

interface Namespace {
  path: string[];
  methods: Method[];
  children: Map<string, Namespace>;
}

function typeName(path: readonly string[]): string {
  return `${pascal(path.map((part, i) => (i < path.length - 1 ? singular(part) : part)))}Resource`;
}

function signature(method: Method): { params: string[]; returns: string } {
  const { op } = method;
  const id = `'${op.operationId}'`;
  const params = op.pathParams.map((name) => `${name}: string`);
  if (op.queryParams.length > 0) {
    const optional = op.queryParams.every((p) => !p.required) ? '?' : '';
    params.push(`query${optional}: OperationQuery<${id}>`);
  }
  if (op.body !== 'none') params.push(`body${op.body === 'optional' ? '?' : ''}: OperationBody<${id}>`);
  params.push('options?: RequestOptions');
  const returns =
    method.cursorParam === undefined
      ? `ApiPromise<OperationData<${id}>>`
      : `PagePromise<OperationItem<${id}>>`;
  return { params, returns };
}

function implementation(method: Method): string {
  const { op } = method;
  const args = signature(method).params.map((p) => p.split(/\??:/)[0]);
  const init: string[] = ['...init'];
  const params: string[] = [];
  if (op.pathParams.length > 0) params.push(`path: { ${op.pathParams.join(', ')} }`);
  if (method.cursorParam !== undefined) {
    params.push(
      `query: { ...query, ...(cursor === undefined ? {} : { ${method.cursorParam === 'cursor' ? 'cursor' : `${method.cursorParam}: cursor`} }) }`,
    );
  } else if (op.queryParams.length > 0) {
    params.push(op.queryParams.some((p) => p.required) ? 'query' : 'query: { ...query }');
  }
  if (params.length > 0) init.push(`params: { ${params.join(', ')} }`);
  if (op.body === 'required') init.push('body');
  if (op.body === 'optional') init.push('...(body === undefined ? {} : { body })');
  const call = `api.client.${op.method}('${op.path}', { ${init.join(', ')} })`;
  const body =
    method.cursorParam === undefined
      ? `api.call((init) => ${call}, options)`
      : `api.list((cursor, init) => ${call}, options)`;
  return `${method.name}: (${args.join(', ')}) => ${body},`;
}

function jsDoc(method: Method, indent: string): string {
  const { op } = method;
  const scope = op.scope === undefined || op.scope === 'none' ? ', any key' : `, scope \`${op.scope}\``;
  const lines = [op.summary.endsWith('.') ? op.summary : `${op.summary}.`, ''];
  lines.push(`\`${op.method} ${op.path}\` (operation \`${op.operationId}\`${scope}).`);
  if (method.cursorParam !== undefined) {
    lines.push('Await it for the first page, or `for await` over it for every item across pages.');
  }
  return [
    `${indent}/**`,
    ...lines.map((line) => `${indent} *${line === '' ? '' : ` ${line}`}`),
    `${indent} */`,
  ].join('\n');
}

function renderNamespace(ns: Namespace, out: string[]): void {
  for (const child of ns.children.values()) renderNamespace(child, out);
  const name = typeName(ns.path);
  out.push(`/** \`opencom.${ns.path.join('.')}\` */`);
  out.push(`export interface ${name} {`);
  for (const method of ns.methods) {
    const { params, returns } = signature(method);
    out.push(jsDoc(method, '  '));
    out.push(`  ${method.name}(${params.join(', ')}): ${returns};`);
  }
  for (const [key, child] of ns.children) {
    out.push(`  /** \`opencom.${child.path.join('.')}\` */`);
    out.push(`  readonly ${key}: ${typeName(child.path)};`);
  }
  out.push('}', '');
  out.push(`/** Builds \`opencom.${ns.path.join('.')}\` over the SDK's caller. */`);
  out.push(`export function create${name}(api: ApiCaller): ${name} {`);
  out.push('  return {');
  for (const method of ns.methods) out.push(`    ${implementation(method)}`);
  for (const [key, child] of ns.children) out.push(`    ${key}: create${typeName(child.path)}(api),`);
  out.push('  };', '}', '');
}

/** The source of `packages/sdk/src/generated/resources.ts` (without the banner). */
export function resourcesModule(document: JsonObject): string {
  const root: Namespace = { path: [], methods: [], children: new Map() };
  const seen = new Map<string, string>();
  for (const op of collectOperations(document)) {
    const { namespace, method: name } = nameOperation(op);
    const dotted = [...namespace, name].join('.');
    const owner = seen.get(dotted);
    if (owner !== undefined) {
      throw new ResourceNamingError(`${op.operationId} and ${owner} would both be opencom.${dotted}`);
    }
    seen.set(dotted, op.operationId);
    const reserved = [...(RESERVED['*'] ?? []), ...(RESERVED[namespace.join('.')] ?? [])];
    if (reserved.includes(name)) {
      throw new ResourceNamingError(
        `${op.operationId} would be opencom.${dotted}, a name taken by hand-written code`,
      );
    }
    if (op.headerParams.length > 0) {
      throw new ResourceNamingError(
        `${op.operationId}: header parameters (${op.headerParams}) are not supported`,
      );
    }
    if (op.body !== 'none' && op.queryParams.length > 0) {
      throw new ResourceNamingError(
        `${op.operationId}: a body and query parameters together are not supported`,
      );
    }
    const names = op.queryParams.map((p) => p.name);
    const cursorParam =
      op.method === 'GET'
        ? names.includes('cursor')
          ? 'cursor'
          : names.includes('after')
            ? 'after'
            : undefined
        : undefined;
    let ns = root;
    for (const part of namespace) {
      let child = ns.children.get(part);
      if (child === undefined) {
        if (ns.methods.some((m) => m.name === part))
          throw new ResourceNamingError(`opencom.${dotted}: ${part} is a method`);
        child = { path: [...ns.path, part], methods: [], children: new Map() };
        ns.children.set(part, child);
      }
      ns = child;
    }
    if (ns.children.has(name)) throw new ResourceNamingError(`opencom.${dotted} is a namespace`);
    ns.methods.push({ op, name, cursorParam });
  }
  const out = [
    "import type { ApiCaller } from '../core/api-caller';",
    "import type { ApiPromise } from '../core/api-promise';",
    "import type { OperationBody, OperationData, OperationItem, OperationQuery } from '../core/operation-types';",
    "import type { PagePromise } from '../core/pagination';",
    "import type { RequestOptions } from '../core/request-options';",
    '',
  ];
  for (const ns of root.children.values()) renderNamespace(ns, out);
  out.push('/** Every top-level namespace, as `Opencom` exposes them. */');
  out.push('export interface Resources {');
  for (const [key, ns] of root.children) out.push(`  readonly ${key}: ${typeName(ns.path)};`);
  out.push('}', '');
  out.push("/** Builds every namespace over the SDK's caller. */");
  out.push('export function createResources(api: ApiCaller): Resources {');
  out.push('  return {');
  for (const [key, ns] of root.children) out.push(`    ${key}: create${typeName(ns.path)}(api),`);
  out.push('  };', '}', '');
  return out.join('\n');
}
