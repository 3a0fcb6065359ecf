import { describe, expect, it } from 'vitest';
import { createControlClient, createMockServer, ManualClock, startHttpServer } from '../src/index';

describe('createControlClient', () => {
  it('drives an in-process server: seed, issue a key that works, move the clock', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const server = createMockServer({ clock, validateResponses: true });
    const control = createControlClient({ server });

    const seeded = await control.POST('/__control/seed', {
      body: { preset: 'empty', workspaceName: 'Acme' },
    });
    expect(seeded.response.status).toBe(201);
    const workspaceId = seeded.data?.workspace.id ?? '';
    const key = await control.POST('/__control/credentials', {
      body: { workspaceId, name: 'Reader', actorName: 'reader', scopes: ['conversations.read'] },
    });
    expect(key.data?.secret).toMatch(/^osk_[A-Za-z0-9]{48}$/);
    const me = await server.handle(
      new Request('http://x/api/v1/me', { headers: { authorization: `Bearer ${key.data?.secret}` } }),
    );
    expect(((await me.json()) as { name: string }).name).toBe('Reader');

    const advanced = await control.POST('/__control/clock/advance', { body: { ms: 60_000 } });
    expect(advanced.data?.now).toBe(Date.UTC(2026, 0, 1, 0, 1));
    expect(server.contractViolations).toEqual([]);
  });

  it('drives a server over HTTP and returns problems as data', async () => {
    const server = createMockServer({ validateResponses: true });
    const http = await startHttpServer(server, { port: 0, realTime: false });
    try {
      const control = createControlClient({ baseUrl: http.url });
      const workspaces = await control.GET('/__control/workspaces');
      expect(workspaces.data?.data).toEqual([]);
      const bad = await control.POST('/__control/credentials', {
        body: { workspaceId: 'ws_nope', name: 'x', actorName: 'x', scopes: [] },
      });
      expect(bad.response.status).toBeGreaterThanOrEqual(400);
      expect(bad.error).toMatchObject({ status: bad.response.status });
    } finally {
      await http.close();
    }
    expect(server.contractViolations).toEqual([]);
  });
});
