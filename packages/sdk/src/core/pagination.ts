import type { WithResponse } from './api-promise';

/** The shape of every list response: `{ data, nextCursor, hasMore }`. */
export interface PageBody<T> {
  data: T[];
  nextCursor: string | null;
  hasMore: boolean;
}

/**
 * One page of a list. Iterating it with `for await` yields its items and then those of every
 * following page, fetching them one at a time as the loop reaches them.
 *
 * @example
 * const page = await opencom.conversations.list({ status: 'open' });
 * console.log(page.data.length, page.hasMore);
 * const next = await page.nextPage();
 * @see spec/components/schemas/common.yaml#/Page
 */
export class Page<T> implements AsyncIterable<T> {
  /** The items of this page. */
  readonly data: T[];
  /** Pass back as `cursor` (`after` for the event feed) to read the next page. */
  readonly nextCursor: string | null;
  /** True when more items follow this page. */
  readonly hasMore: boolean;
  readonly #fetchPage: (cursor: string) => Promise<Page<T>>;

  constructor(body: PageBody<T>, fetchPage: (cursor: string) => Promise<Page<T>>) {
    this.data = body.data;
    this.nextCursor = body.nextCursor;
    this.hasMore = body.hasMore;
    this.#fetchPage = fetchPage;
  }

  /** True when {@link nextPage} will fetch another page. */
  hasNextPage(): boolean {
    return this.hasMore && this.nextCursor !== null;
  }

  /** The page after this one, or `null` at the end of the list. */
  async nextPage(): Promise<Page<T> | null> {
    return this.hasMore && this.nextCursor !== null ? this.#fetchPage(this.nextCursor) : null;
  }

  /** This page and every page after it, fetched lazily. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let page: Page<T> | null = this;
    while (page !== null) {
      yield page;
      page = await page.nextPage();
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }
}

/**
 * What a list method returns: `await` it for the first page, or `for await` over it for every item
 * across pages, or `withResponse()` for the first page with its HTTP response. Nothing is fetched
 * until one of these happens, and the first page is fetched once.
 *
 * @example
 * const first = await opencom.articles.list({ status: 'published' });   // Page<Article>
 * for await (const article of opencom.articles.list({ status: 'published' })) {
 *   console.log(article.title);                                          // every article, lazily
 * }
 * for await (const page of opencom.articles.list().pages()) console.log(page.data.length);
 * const { data: page, response } = await opencom.articles.list().withResponse();
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #load: () => Promise<WithResponse<Page<T>>>;
  #loaded: Promise<WithResponse<Page<T>>> | undefined;
  #first: Promise<Page<T>> | undefined;

  /** @param load fetches the first page, with its response; called once, when first needed. */
  constructor(load: () => Promise<WithResponse<Page<T>>>) {
    this.#load = load;
  }

  /** The first page with the HTTP response it came in (status, `RateLimit-*` headers, request ID). */
  withResponse(): Promise<WithResponse<Page<T>>> {
    this.#loaded ??= this.#load();
    return this.#loaded;
  }

  #firstPage(): Promise<Page<T>> {
    this.#first ??= this.withResponse().then((loaded) => loaded.data);
    return this.#first;
  }

  // biome-ignore lint/suspicious/noThenProperty: a PagePromise is awaitable by design (the first page)
  then<A = Page<T>, B = never>(
    onFulfilled?: ((page: Page<T>) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#firstPage().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Page<T> | B> {
    return this.#firstPage().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<Page<T>> {
    return this.#firstPage().finally(onFinally);
  }

  /** Every page, starting with the first, fetched lazily. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    yield* (await this.#firstPage()).pages();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    yield* await this.#firstPage();
  }
}
