import { describe, expect, it } from 'vitest';
import { Page, type PageBody, PagePromise } from './pagination';

/** A list of `total` numbers served `size` at a time, counting requests. */
function numbers(total: number, size: number) {
  const requests: (string | undefined)[] = [];
  const fetchPage = async (cursor: string | undefined): Promise<Page<number>> => {
    requests.push(cursor);
    const start = cursor === undefined ? 0 : Number(cursor);
    const data = Array.from({ length: Math.min(size, total - start) }, (_, i) => start + i);
    const end = start + data.length;
    const body: PageBody<number> = {
      data,
      nextCursor: end < total ? String(end) : null,
      hasMore: end < total,
    };
    return new Page(body, fetchPage);
  };
  const list = () =>
    new PagePromise(async () => {
      const data = await fetchPage(undefined);
      const requestId = `req_${requests.length}`;
      return { data, response: new Response(null, { headers: { 'x-request-id': requestId } }), requestId };
    });
  return { requests, list };
}

describe('PagePromise', () => {
  it('fetches nothing until awaited or iterated', async () => {
    const { requests, list } = numbers(5, 2);
    const pending = list();
    expect(requests).toEqual([]);
    const first = await pending;
    expect(first.data).toEqual([0, 1]);
    expect(first.hasNextPage()).toBe(true);
    expect(requests).toEqual([undefined]);
  });

  it('iterates every item across pages, one request per page, lazily', async () => {
    const { requests, list } = numbers(5, 2);
    const seen: number[] = [];
    for await (const n of list()) {
      seen.push(n);
      if (n === 2) break;
    }
    expect(seen).toEqual([0, 1, 2]);
    expect(requests).toEqual([undefined, '2']);
  });

  it('.pages() yields pages, and a page awaited first is not fetched again', async () => {
    const { requests, list } = numbers(5, 2);
    const pending = list();
    await pending;
    const sizes: number[] = [];
    for await (const page of pending.pages()) sizes.push(page.data.length);
    expect(sizes).toEqual([2, 2, 1]);
    expect(requests).toEqual([undefined, '2', '4']);
  });

  it('a page is itself iterable from there on, and nextPage() is null at the end', async () => {
    const { list } = numbers(3, 2);
    const first = await list();
    const last = await first.nextPage();
    expect(last?.data).toEqual([2]);
    expect(await last?.nextPage()).toBeNull();
    const all: number[] = [];
    for await (const n of first) all.push(n);
    expect(all).toEqual([0, 1, 2]);
  });

  it('withResponse() gives the first page with its response, fetched once with await', async () => {
    const { requests, list } = numbers(5, 2);
    const pending = list();
    const { data, response, requestId } = await pending.withResponse();
    expect(data.data).toEqual([0, 1]);
    expect(response.headers.get('x-request-id')).toBe('req_1');
    expect(requestId).toBe('req_1');
    expect(await pending).toBe(data);
    expect(requests).toEqual([undefined]);
  });

  it('rejects through then/catch like a promise', async () => {
    const failing = new PagePromise<number>(() => Promise.reject(new Error('boom')));
    await expect(failing.withResponse()).rejects.toThrow('boom');
    await expect(failing).rejects.toThrow('boom');
    expect(await failing.catch((e: unknown) => (e as Error).message)).toBe('boom');
  });
});
