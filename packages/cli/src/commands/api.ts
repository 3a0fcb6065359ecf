import type { Command } from 'commander';
import type { Context } from '../context';
import { CommandFailure, ExitCode, UsageError } from '../errors';
import { collect, readJsonInput, setField, splitField, typedValue } from '../kit/fields';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

interface ApiFlags {
  field?: string[];
  rawField?: string[];
  input?: string;
  header?: string[];
  include?: boolean;
}

/** `opencom api <method> <path>`: any operation, with the CLI's key, retries and idempotency keys. */
export function register(program: Command, context: () => Context): void {
  program
    .command('api')
    .description('make an authenticated request to /api/v1 and print the response body')
    .argument('<method>', `HTTP method: ${METHODS.join(', ')}`)
    .argument('<path>', 'path under /api/v1, e.g. /conversations or /articles/art_123')
    .option(
      '-f, --raw-field <key=value>',
      'a string field (query parameter for GET/DELETE, body field otherwise); repeatable',
      collect,
    )
    .option(
      '-F, --field <key=value>',
      "a typed field: true, false, null, numbers, @file for a file's text; repeatable",
      collect,
    )
    .option('--input <file>', 'the request body from a JSON file ("-" for stdin)')
    .option(
      '-H, --header <name:value>',
      'an extra request header, e.g. "Idempotency-Key: import-42"; repeatable',
      collect,
    )
    .option('-i, --include', 'print the status line and response headers before the body')
    .addHelpText(
      'after',
      '\nExamples:\n  opencom api GET /conversations -f status=open -F limit=5\n  opencom api POST /conversations/conv_123/messages -f content="On it"\n  opencom api PATCH /articles/art_1 --input patch.json',
    )
    .action((method: string, path: string, flags: ApiFlags) => api(context(), method, path, flags));
}

async function api(ctx: Context, methodArg: string, pathArg: string, flags: ApiFlags): Promise<void> {
  const method = methodArg.toUpperCase() as Method;
  if (!METHODS.includes(method))
    throw new UsageError(`unknown method "${methodArg}" (use ${METHODS.join(', ')})`);
  const path = `/${pathArg.replace(/^\/+/, '').replace(/^api\/v1\//, '')}`;
  const fields: Record<string, unknown> = {};
  for (const field of flags.rawField ?? []) {
    const [key, value] = splitField(field);
    setField(fields, key, value);
  }
  for (const field of flags.field ?? []) {
    const [key, value] = splitField(field);
    setField(fields, key, await typedValue(value));
  }
  const inQuery = method === 'GET' || method === 'DELETE';
  if (flags.input !== undefined && inQuery && Object.keys(fields).length === 0 && method === 'GET') {
    throw new UsageError('GET has no body: pass query parameters with -f key=value');
  }
  let body: unknown;
  if (flags.input !== undefined) {
    body = await readJsonInput(flags.input, ctx.io);
    if (Object.keys(fields).length > 0 && !inQuery) body = { ...(body as object), ...fields };
  } else if (!inQuery && Object.keys(fields).length > 0) {
    body = fields;
  }
  const headers: Record<string, string> = {};
  for (const header of flags.header ?? []) {
    const at = header.indexOf(':');
    if (at <= 0) throw new UsageError(`expected "Name: value", got "${header}"`);
    headers[header.slice(0, at).trim()] = header.slice(at + 1).trim();
  }

  const client = await ctx.api();
  // The raw client is typed per path; a path typed at the terminal is checked by the server instead.
  const request = client.raw.request as unknown as (
    method: string,
    path: string,
    init: Record<string, unknown>,
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  const { data, error, response } = await request(method.toLowerCase(), path, {
    ...(inQuery && Object.keys(fields).length > 0 ? { params: { query: fields } } : {}),
    ...(body === undefined ? {} : { body }),
    headers,
  });
  if (flags.include) {
    ctx.io.out.write(`HTTP ${response.status} ${response.statusText}\n`);
    for (const [name, value] of response.headers) ctx.io.out.write(`${name}: ${value}\n`);
    ctx.io.out.write('\n');
  }
  const payload = response.ok ? data : error;
  if (payload !== undefined && payload !== '') ctx.output.printJson(payload);
  if (!response.ok) {
    const problem = (error ?? {}) as { code?: string; title?: string; requestId?: string };
    const details = [problem.code, problem.requestId && `request ${problem.requestId}`]
      .filter(Boolean)
      .join(', ');
    throw new CommandFailure(
      `${method} ${path}: HTTP ${response.status}${problem.title ? ` ${problem.title}` : ''}${details ? ` (${details})` : ''}`,
      exitCodeForStatus(response.status),
    );
  }
}

function exitCodeForStatus(status: number): ExitCode {
  if (status === 401 || status === 403) return ExitCode.auth;
  if (status === 404) return ExitCode.notFound;
  if (status === 409) return ExitCode.conflict;
  if (status === 429) return ExitCode.rateLimited;
  if (status === 400 || status === 413 || status === 415 || status === 422) return ExitCode.usage;
  return ExitCode.failure;
}
