import { describe, expect, it } from 'vitest';
import { ExitCode } from '../errors';
import { memoryIO } from '../io/io';
import { main } from '../main';

const apiKey = `osk_${'Z9y8'.repeat(12)}`;
const me = {
  credentialId: 'cred_7h2k9q',
  name: 'Support bot',
  actorName: 'support-bot',
  scopes: ['conversations.read', 'claims.manage'],
  workspace: { id: 'ws_demo', name: 'Demo' },
};

function serve(status: number, body: unknown) {
  const urls: string[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    urls.push(`${request.method} ${request.url} ${request.headers.get('authorization')}`);
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  };
  return { urls, fetch };
}

describe('opencom whoami', () => {
  it('prints the credential as a table, calling GET /me with the key from OPENCOM_API_KEY', async () => {
    const { urls, fetch } = serve(200, me);
    const { io, stdout } = memoryIO({
      env: { OPENCOM_API_KEY: apiKey, OPENCOM_BASE_URL: 'http://127.0.0.1:1' },
    });
    expect(await main(['whoami'], io, { fetch })).toBe(ExitCode.ok);
    expect(urls).toEqual([`GET http://127.0.0.1:1/api/v1/me Bearer ${apiKey}`]);
    expect(stdout()).toContain('actor      support-bot');
    expect(stdout()).toContain('Demo (ws_demo)');
    expect(stdout()).not.toContain(apiKey);
  });

  it('--json prints the response body', async () => {
    const { fetch } = serve(200, me);
    const { io, stdout } = memoryIO({ env: { OPENCOM_API_KEY: apiKey } });
    expect(await main(['--json', 'whoami'], io, { fetch })).toBe(ExitCode.ok);
    expect(JSON.parse(stdout())).toEqual(me);
  });

  it('a rejected key exits 4 with the problem code and request id on stderr', async () => {
    const { fetch } = serve(401, {
      type: 'https://docs.opencom.dev/errors/unauthenticated',
      title: 'Missing or invalid API key',
      status: 401,
      code: 'unauthenticated',
      requestId: 'req_1',
    });
    const { io, stdout, stderr } = memoryIO({ env: { OPENCOM_API_KEY: apiKey } });
    expect(await main(['whoami'], io, { fetch })).toBe(ExitCode.auth);
    expect(stdout()).toBe('');
    expect(stderr()).toBe('opencom: Missing or invalid API key (unauthenticated, request req_1)\n');
  });

  it('without a key it says how to set one and exits 2', async () => {
    const { io, stderr } = memoryIO();
    expect(await main(['whoami'], io)).toBe(ExitCode.usage);
    expect(stderr()).toContain('OPENCOM_API_KEY');
  });
});
