import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors';
import type { IO } from '../io/io';
import { readJsonInput, splitField } from './fields';

type Compact<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/**
 * Drops the keys whose value is undefined: flags that were not given are left out of a query or body
 * (with `exactOptionalPropertyTypes`, `{ status: undefined }` is not a valid query).
 */
export function compact<T extends object>(value: T): Compact<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Compact<T>;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The body of a create or update: the JSON object of `--input <file>` (`-` for stdin) with the
 * fields given as flags over it. Objects present in both are merged one level deep, so
 * `--input visitor.json --attr plan=pro` keeps the file's other custom attributes.
 */
export async function requestBody(
  io: IO,
  input: string | undefined,
  fields: Record<string, unknown>,
  options: { requireSome?: boolean } = {},
): Promise<Record<string, unknown>> {
  const base = input === undefined ? {} : await readJsonInput(input, io);
  if (!isPlainObject(base))
    throw new UsageError(`${input === '-' ? 'stdin' : input} must hold a JSON object`);
  const body = mergeFields(base, fields);
  if (options.requireSome) requireSomeField(body);
  return body;
}

/** `fields` (undefined ones left out) over `base`; objects in both are merged one level deep. */
export function mergeFields(
  base: Record<string, unknown>,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  const body: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const current = body[key];
    body[key] = isPlainObject(current) && isPlainObject(value) ? { ...current, ...value } : value;
  }
  return body;
}

/** An update needs something to change (the API's `minProperties: 1`); say so before calling it. */
export function requireSomeField(body: Record<string, unknown>): void {
  if (Object.keys(body).length === 0) {
    throw new UsageError('nothing to change: pass at least one field flag or --input <file.json>');
  }
}

/**
 * A text argument that may also come from a file or stdin: `value` itself, `-` for stdin, or the
 * file named by `file`. Trailing whitespace is dropped (files and heredocs end with a newline).
 */
export async function textInput(
  io: IO,
  value: string | undefined,
  file: string | undefined,
  what: string,
): Promise<string> {
  if (value !== undefined && file !== undefined)
    throw new UsageError(`give the ${what} as an argument or with a file, not both`);
  let text: string;
  if (file !== undefined) {
    text = await readFile(file, 'utf8').catch(() => {
      throw new UsageError(`cannot read ${file}`);
    });
  } else if (value === '-') {
    text = await io.readStdin();
  } else if (value !== undefined) {
    text = value;
  } else {
    throw new UsageError(`no ${what}: pass it as an argument, "-" to read stdin, or a file`);
  }
  text = text.trimEnd();
  if (text.trim() === '') throw new UsageError(`the ${what} is empty`);
  return text;
}

/**
 * Repeated `--attr key=value` flags as a custom-attributes object, or undefined when none was given.
 * For a list filter the values stay strings (the server compares them with the stored type); for a
 * write they are typed: `5` is a number, `true`/`false` booleans, `null` (which removes the key on an
 * update), anything else a string. Unlike `api -F`, `@name` stays text: attribute values are not files.
 */
export function attributes(
  pairs: readonly string[] | undefined,
  typed: boolean,
): Record<string, unknown> | undefined {
  if (pairs === undefined || pairs.length === 0) return undefined;
  const result: Record<string, unknown> = {};
  for (const pair of pairs) {
    const [key, value] = splitField(pair);
    result[key] = typed ? scalar(value) : value;
  }
  return result;
}

/** `true`, `false`, `null` and numbers typed; the rest strings. */
export function scalar(value: string): string | number | boolean | null {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (value === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}
