import type { ApiPromise, WithResponse } from './api-promise';
import { errorFromResponse } from './error-from-response';
import { Page, type PageBody, PagePromise } from './pagination';
import type { RequestOptions } from './request-options';
import type { SendOptions, Transport } from './transport';
import type { TypedClient } from './typed-client';

/** What every facade call adds to its typed call: the per-call transport and headers. */
export interface CallInit {
  fetch: (input: Request | string, init?: RequestInit) => Promise<Response>;
  headers?: Record<string, string>;
}

/** The result of a typed call (openapi-fetch's shape), as far as the facade needs it. */
export type Sent<D> = Promise<SentResult<D>>;
type SentResult<D> = { data?: D; error?: unknown; response: Response };

const noop = (): void => undefined;

/** The call's data, or the error for its problem. */
function dataOf<D>({ data, error, response }: SentResult<D>): D {
  if (!response.ok) throw errorFromResponse(response, error);
  return data as D;
}

function withResponseOf<D>(result: SentResult<D>): WithResponse<D> {
  const { response } = result;
  return { data: dataOf(result), response, requestId: response.headers.get('x-request-id') ?? undefined };
}

/**
 * Runs the typed calls of the generated resources (`src/generated/resources.ts`) through the transport
 * with each call's options, and turns their `{ data, error, response }` into a value or a thrown
 * `OpencomError`.
 */
export class ApiCaller {
  /** The spec-typed client the generated methods call (openapi-fetch's types, see typed-client.ts). */
  readonly client: TypedClient;
  readonly #transport: Transport;
  /** The init of every call without options (most of them), made once. */
  readonly #plain: CallInit;

  constructor(client: TypedClient, transport: Transport) {
    this.client = client;
    this.#transport = transport;
    // No options: the client's defaults, and no caller's signal (`null`: the init has none either).
    const sendOptions: SendOptions = { signal: null };
    this.#plain = { fetch: (input, requestInit) => transport(input, requestInit, sendOptions) };
  }

  init(options?: RequestOptions): CallInit {
    if (options === undefined) return this.#plain;
    const transport = this.#transport;
    const sendOptions: SendOptions = options.signal === undefined ? { ...options, signal: null } : options;
    const init: CallInit = { fetch: (input, requestInit) => transport(input, requestInit, sendOptions) };
    if (options.headers !== undefined) init.headers = options.headers;
    return init;
  }

  /** One call: a promise of its data (or the error for its problem) that can also give its response. */
  call<D>(send: (init: CallInit) => Sent<D>, options?: RequestOptions): ApiPromise<D> {
    const sent = send(this.init(options));
    const promise = sent.then(dataOf) as ApiPromise<D>;
    // One closure on the promise, nothing more: a call that never asks for its response pays no more.
    promise.withResponse = () => {
      // The outcome goes to whoever awaits withResponse(): the call's own promise must not report it
      // as unhandled a second time.
      promise.catch(noop);
      return sent.then(withResponseOf);
    };
    return promise;
  }

  /** A list call: awaitable for the first page, async-iterable over every item. */
  list<T>(
    send: (cursor: string | undefined, init: CallInit) => Sent<PageBody<T>>,
    options?: RequestOptions,
  ): PagePromise<T> {
    const fetchPage = async (cursor: string | undefined): Promise<WithResponse<Page<T>>> => {
      const { data, response, requestId } = withResponseOf(await send(cursor, this.init(options)));
      return { data: new Page(data, nextPage), response, requestId };
    };
    const nextPage = async (cursor: string): Promise<Page<T>> => (await fetchPage(cursor)).data;
    return new PagePromise(() => fetchPage(undefined));
  }
}
