import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors';
import type { IO } from '../io/io';

/** Collects a repeatable option into an array (`-f a=1 -f b=2`). */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Splits `key=value` (the value may contain `=`). */
export function splitField(field: string): [string, string] {
  const at = field.indexOf('=');
  if (at <= 0) throw new UsageError(`expected key=value, got "${field}"`);
  return [field.slice(0, at), field.slice(at + 1)];
}

/** `-F` values as gh reads them: true, false, null and numbers typed; `@file` is the file's text; the rest strings. */
export async function typedValue(value: string): Promise<unknown> {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (value === 'null') return null;
  if (value !== '' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (value.startsWith('@')) return readFile(value.slice(1), 'utf8');
  return value;
}

/**
 * Nests `a[b]=1` keys the way the API's query strings do (`customAttributes[plan]=pro`) and
 * `a.b` never: dots are legal in keys.
 */
export function setField(target: Record<string, unknown>, key: string, value: unknown): void {
  const match = /^([^[\]]+)\[([^[\]]+)\]$/.exec(key);
  if (!match) {
    target[key] = value;
    return;
  }
  const [, name = '', sub = ''] = match;
  const existing = target[name];
  const parent = (typeof existing === 'object' && existing !== null ? existing : {}) as Record<
    string,
    unknown
  >;
  parent[sub] = value;
  target[name] = parent;
}

/** Reads JSON from a file, or from stdin for `-`, with the path in the error. */
export async function readJsonInput(path: string, io: IO): Promise<unknown> {
  const text =
    path === '-'
      ? await io.readStdin()
      : await readFile(path, 'utf8').catch(() => {
          throw new UsageError(`cannot read ${path}`);
        });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path === '-' ? 'stdin' : path} is not valid JSON: ${(error as Error).message}`);
  }
}
