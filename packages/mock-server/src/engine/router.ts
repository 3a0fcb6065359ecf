import { HTTP_METHODS, type JsonObject } from './spec';

/** One operation of a document, ready to match. */
export interface Route {
  method: string;
  template: string;
  operationId: string;
  operation: JsonObject;
  pathItem: JsonObject;
  /** JSON pointer of the operation in the bundled document. */
  pointer: string;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: string[] }
  | { kind: 'not_found' };

interface PathEntry {
  template: string;
  segments: string[];
  methods: Map<string, Route>;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Matches request paths against a document's path templates. Literal segments win over parameters,
 * left to right, so `/articles/search` is never read as an article ID.
 */
export class Router {
  readonly #paths: PathEntry[];
  /** The same entries, in the same order, by segment count: only those can match a path. */
  readonly #bySegments = new Map<number, PathEntry[]>();
  /**
   * Templates without parameters, by path: one that matches is the most specific match there is, so
   * it is looked up before the scan.
   */
  readonly #literal = new Map<string, PathEntry>();

  constructor(document: JsonObject, prefix = '') {
    const paths = (document.paths ?? {}) as Record<string, JsonObject>;
    this.#paths = Object.entries(paths).map(([template, pathItem]) => {
      const methods = new Map<string, Route>();
      for (const method of HTTP_METHODS) {
        const operation = pathItem[method] as JsonObject | undefined;
        if (!operation) continue;
        methods.set(method.toUpperCase(), {
          method: method.toUpperCase(),
          template,
          operationId: operation.operationId as string,
          operation,
          pathItem,
          pointer: `/paths/${escapePointer(template)}/${method}`,
        });
      }
      return { template, segments: `${prefix}${template}`.split('/').slice(1), methods };
    });
    const specificity = (entry: PathEntry) =>
      entry.segments.map((s) => (s.startsWith('{') ? '0' : '1')).join('');
    this.#paths.sort((a, b) =>
      specificity(a) < specificity(b) ? 1 : specificity(a) > specificity(b) ? -1 : 0,
    );
    for (const entry of this.#paths) {
      if (!entry.segments.some((s) => s.startsWith('{')))
        this.#literal.set(`/${entry.segments.join('/')}`, entry);
      const same = this.#bySegments.get(entry.segments.length);
      if (same) same.push(entry);
      else this.#bySegments.set(entry.segments.length, [entry]);
    }
  }

  get routes(): Route[] {
    return this.#paths.flatMap((entry) => [...entry.methods.values()]);
  }

  match(method: string, pathname: string): RouteMatch {
    const literal = this.#literal.get(pathname);
    if (literal) return found(literal, method, {});
    const segments = pathname.split('/').slice(1);
    for (const entry of this.#bySegments.get(segments.length) ?? []) {
      const params = matchSegments(entry.segments, segments);
      if (params) return found(entry, method, params);
    }
    return { kind: 'not_found' };
  }
}

function found(entry: PathEntry, method: string, params: Record<string, string>): RouteMatch {
  const route = entry.methods.get(method.toUpperCase());
  if (route) return { kind: 'found', route, params };
  return { kind: 'method_not_allowed', allowed: [...entry.methods.keys()] };
}

function matchSegments(template: string[], actual: string[]): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const expected = template[i] as string;
    const segment = actual[i] as string;
    if (expected.startsWith('{')) {
      if (segment === '') return undefined;
      try {
        params[expected.slice(1, -1)] = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
    } else if (expected !== segment) {
      return undefined;
    }
  }
  return params;
}
