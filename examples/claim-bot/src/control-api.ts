/**
 * Calls the reference server's control API (`spec/control.yaml`): simulate visitors and agents,
 * create keys, move the clock. `line` is `METHOD /path` under `/__control`.
 *
 * @example
 * const control = controlApi((request) => server.handle(request));
 * await control('POST /conversations', { workspaceId, channel: 'chat', content: 'Hi!' });
 */
export function controlApi(handle: (request: Request) => Promise<Response>) {
  return async <T = unknown>(line: string, body?: unknown): Promise<T> => {
    const [method = 'GET', path = '/'] = line.split(' ');
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    }
    const response = await handle(new Request(`http://reference.invalid/__control${path}`, init));
    const text = await response.text();
    if (!response.ok) throw new Error(`control ${line} → ${response.status}: ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };
}
