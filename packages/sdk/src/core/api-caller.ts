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
export type Sent<D> = Promise<{ data?: D; error?: unknown; response: Response }>;

/**
 * Runs the typed calls of the generated resources (`src/generated/resources.ts`) through the transport
 * with each call's options, and turns their `{ data, error, response }` into a value or a thrown
 * `OpencomError`.
 */
export class ApiCaller {
  /** The spec-typed client the generated methods call (openapi-fetch's types, see typed-client.ts). */
  readonly client: TypedClient;
  readonly #transport: Transport;

  constructor(client: TypedClient, transport: Transport) {
    this.client = client;
    this.#transport = transport;
  }

  init(options: RequestOptions = {}): CallInit {
    const transport = this.#transport;
    // The call's signal is the caller's or none (`null`): the transport gives each attempt its own.
    const sendOptions: SendOptions = options.signal === undefined ? { ...options, signal: null } : options;
    const init: CallInit = { fetch: (input, requestInit) => transport(input, requestInit, sendOptions) };
    if (options.headers !== undefined) init.headers = options.headers;
    return init;
  }

  /** One call: its data, or the error for its problem. */
  async call<D>(send: (init: CallInit) => Sent<D>, options?: RequestOptions): Promise<D> {
    const { data, error, response } = await send(this.init(options));
    if (!response.ok) throw errorFromResponse(response, error);
    return data as D;
  }

  /** A list call: awaitable for the first page, async-iterable over every item. */
  list<T>(
    send: (cursor: string | undefined, init: CallInit) => Sent<PageBody<T>>,
    options?: RequestOptions,
  ): PagePromise<T> {
    const fetchPage = async (cursor: string | undefined): Promise<Page<T>> => {
      const body = await this.call((init) => send(cursor, init), options);
      return new Page(body, fetchPage);
    };
    return new PagePromise(() => fetchPage(undefined));
  }
}
