/**
 * What `withResponse()` gives: a call's parsed data together with the HTTP response it came in.
 *
 * @example
 * const { data: message, response, requestId } = await opencom.messages
 *   .send(conversationId, { content: 'On it!' })
 *   .withResponse();
 * console.log(response.status, response.headers.get('idempotent-replayed'), requestId);
 */
export interface WithResponse<T> {
  /** What awaiting the call itself gives. */
  data: T;
  /**
   * The response of the call's final attempt: status and headers (`RateLimit-*`, `X-Request-Id`,
   * `Idempotent-Replayed`). Its body has already been read into `data`.
   */
  response: Response;
  /** The server's request ID (`X-Request-Id`): quote it when reporting a problem. */
  requestId: string | undefined;
}

/**
 * What every facade method returns: a promise of the call's data that can also give the response it
 * came in (`withResponse()`), as Stainless-generated SDKs do. The request is sent at once either way.
 *
 * @example
 * const conversation = await opencom.conversations.get('conv_8x2kq4m1');
 * const { data, response } = await opencom.conversations.get('conv_8x2kq4m1').withResponse();
 * console.log(response.headers.get('ratelimit-remaining'));
 */
export interface ApiPromise<T> extends Promise<T> {
  /**
   * The data together with the response. Rejects as the call does (an `OpencomError` for an error
   * response); once this is used, that rejection is reported here and not as unhandled on the call.
   */
  withResponse(): Promise<WithResponse<T>>;
}
