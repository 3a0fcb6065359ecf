import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/openapi';
import { type ClientOptions, resolveConfig } from './config';

/** The openapi-fetch client typed from the spec: calls return `{ data, error, response }`. */
export type RawClient = Client<paths>;

/**
 * Creates the low-level client typed from the spec, authenticated with the API key. The ergonomic
 * `Opencom` facade is built on it; use it directly for full control over each response.
 *
 * @example
 * const raw = createRawClient({ apiKey: process.env.OPENCOM_API_KEY });
 * const { data, error } = await raw.GET('/conversations/{conversationId}', {
 *   params: { path: { conversationId: 'conv_8x2kq4m1' } },
 * });
 */
export function createRawClient(options: ClientOptions = {}): RawClient {
  const config = resolveConfig(options);
  return createClient<paths>({
    baseUrl: config.apiUrl,
    fetch: (request) => config.fetch(request),
    headers: { Authorization: `Bearer ${config.apiKey}`, Accept: 'application/json' },
    // The spec's query styles: arrays comma-separated (`types=a,b`), objects as deepObject
    // (`customAttributes[plan]=pro`); spec/contract.test.ts keeps every parameter to these two.
    querySerializer: {
      array: { style: 'form', explode: false },
      object: { style: 'deepObject', explode: true },
    },
  });
}
