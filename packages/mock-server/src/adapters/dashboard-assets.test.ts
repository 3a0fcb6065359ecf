import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer } from '../server';
import { type HttpServer, type HttpServerOptions, startHttpServer } from './http';

const started: HttpServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((http) => http.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const INDEX =
  '<!doctype html><title>Dashboard</title><script type="module" src="/dashboard/assets/app-3f2a.js"></script>';

/** A built dashboard in `<temporary folder>/dashboard`, laid out as Vite writes it. */
function builtDashboard(): string {
  const root = mkdtempSync(join(tmpdir(), 'opencom-dashboard-'));
  dirs.push(root);
  const dir = join(root, 'dashboard');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'app-3f2a.js'), 'console.log("dashboard")');
  writeFileSync(join(dir, 'assets', 'app-3f2a.css'), 'body{}');
  writeFileSync(join(dir, 'robots.txt'), 'User-agent: *\nDisallow: /\n');
  return dir;
}

async function serve(dashboard: NonNullable<HttpServerOptions['dashboard']>) {
  const http = await startHttpServer(createMockServer(), { port: 0, realTime: false, dashboard });
  started.push(http);
  return http;
}

/** A raw GET, so the path reaches the server exactly as written (fetch would normalise `..`). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { path }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the dashboard over HTTP', () => {
  it('serves the page at /dashboard and /dashboard/, revalidated by ETag, with a strict CSP', async () => {
    const http = await serve({ dir: builtDashboard() });
    expect(http.dashboardUrl).toBe(`${http.url}/dashboard`);
    for (const path of ['/dashboard', '/dashboard/', '/dashboard/index.html', '/dashboard?tab=1']) {
      const response = await fetch(`${http.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(await response.text()).toBe(INDEX);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const etag = (await fetch(`${http.url}/dashboard`)).headers.get('etag') ?? '';
    const again = await fetch(`${http.url}/dashboard`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const head = await fetch(`${http.url}/dashboard`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(INDEX)));
  });

  it('serves hashed assets with their content type, cacheable for a year', async () => {
    const http = await serve({ dir: builtDashboard() });
    const js = await fetch(`${http.url}/dashboard/assets/app-3f2a.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log("dashboard")');
    const css = await fetch(`${http.url}/dashboard/assets/app-3f2a.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const other = await fetch(`${http.url}/dashboard/robots.txt`);
    expect(other.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(other.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers an unknown asset with the engine 404 problem', async () => {
    const http = await serve({ dir: builtDashboard() });
    const response = await fetch(`${http.url}/dashboard/assets/missing.js`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({
      code: 'not_found',
      instance: '/dashboard/assets/missing.js',
    });
  });

  it('never serves a file outside the built dashboard', async () => {
    // What a server that joined the folder and the request path would hand out.
    const dir = builtDashboard();
    writeFileSync(join(dir, '..', 'secret.txt'), 'TOP SECRET CONTENT');
    const http = await serve({ dir });
    for (const path of [
      '/dashboard/../secret.txt',
      '/dashboard/%2e%2e/secret.txt',
      '/dashboard/..%2Fsecret.txt',
      '/dashboard/assets/..%5C..%5Csecret.txt',
      '/dashboard/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/dashboard//etc/passwd',
    ]) {
      const { status, body } = await rawGet(http.url, path);
      expect(status, path).toBe(404);
      expect(body, path).not.toContain('TOP SECRET');
      expect(body, path).not.toContain('root:');
    }
  });

  it('leaves writes to /dashboard to the engine', async () => {
    const http = await serve({ dir: builtDashboard() });
    const response = await fetch(`${http.url}/dashboard`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'not_found' });
  });

  it('says how to build it when the package has no built dashboard', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'opencom-dashboard-empty-'));
    dirs.push(empty);
    const http = await serve({ dir: empty });
    const response = await fetch(`${http.url}/dashboard`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('pnpm --filter @opencom/mock-server build');
    expect((await fetch(`${http.url}/dashboard/assets/app.js`)).headers.get('content-type')).toBe(
      'application/problem+json',
    );
  });

  it('is off with dashboard: false', async () => {
    const http = await serve(false);
    expect(http.dashboardUrl).toBeNull();
    const response = await fetch(`${http.url}/dashboard`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  // The package as published: dist/index.js (ESM) and dist/index.cjs find dist/dashboard/ themselves.
  const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
  it.runIf(existsSync(join(dist, 'dashboard', 'index.html')))(
    'the built package serves its bundled dashboard from ESM and CJS',
    async () => {
      type Built = typeof import('../index');
      const esm = (await import(join(dist, 'index.js'))) as Built;
      const cjs = createRequire(import.meta.url)(join(dist, 'index.cjs')) as Built;
      for (const built of [esm, cjs]) {
        const http = await built.startHttpServer(built.createMockServer(), { port: 0, realTime: false });
        started.push(http);
        const page = await (await fetch(`${http.url}/dashboard`)).text();
        const script = /src="(\/dashboard\/assets\/[^"]+\.js)"/.exec(page)?.[1] ?? '';
        expect((await fetch(`${http.url}${script}`)).status).toBe(200);
      }
    },
  );
});
