import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the HTTP server serves the dashboard. */
export const DASHBOARD_PATH = '/dashboard';

/**
 * Answers a request for the dashboard and returns true, or returns false and leaves the request to
 * the engine (anything outside the built files: an unknown asset becomes the engine's 404 problem).
 */
export type DashboardHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

// The page talks to its own origin only, and nothing else may frame or script it.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  body: Buffer;
  etag: string;
  headers: Record<string, string | number>;
}

/**
 * The built dashboard next to the bundle that imports this module (`dist/dashboard/`); from the
 * sources (tests, `tsx`), the package's last build.
 */
export function defaultDashboardDir(): string {
  const candidates = ['./dashboard/', '../../dist/dashboard/'].map((path) =>
    fileURLToPath(new URL(path, import.meta.url)),
  );
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? (candidates[0] as string);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

function toAsset(file: string, urlPath: string): Asset {
  const body = readFileSync(file);
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  // Vite puts content-hashed files under assets/: they never change, so browsers may keep them.
  const immutable = urlPath.startsWith(`${DASHBOARD_PATH}/assets/`);
  const headers: Record<string, string | number> = {
    'Content-Type': type,
    'Content-Length': body.byteLength,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  };
  if (type.startsWith('text/html')) {
    headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    headers['Referrer-Policy'] = 'no-referrer';
  }
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, etag, headers: { ...headers, ETag: etag } };
}

/**
 * Reads the built dashboard once and serves it from memory: only files that were in `dir` at start
 * can ever be answered, so no request path can reach outside it.
 */
function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const file of filesUnder(dir)) {
    const urlPath = `${DASHBOARD_PATH}/${relative(dir, file).split(sep).join('/')}`;
    assets.set(urlPath, toAsset(file, urlPath));
  }
  const index = assets.get(`${DASHBOARD_PATH}/index.html`);
  if (index) {
    assets.set(DASHBOARD_PATH, index);
    assets.set(`${DASHBOARD_PATH}/`, index);
  }
  return assets;
}

const NOT_BUILT = `<!doctype html><html lang="en"><title>Dashboard not built</title>
<p>This copy of <code>@opencom/mock-server</code> has no built dashboard.
Run <code>pnpm --filter @opencom/mock-server build</code> and restart the server.</p></html>\n`;

function send(req: IncomingMessage, res: ServerResponse, status: number, asset: Asset | null) {
  const headers = asset?.headers ?? { 'Content-Type': 'text/html; charset=utf-8' };
  if (asset && req.headers['if-none-match'] === asset.etag) {
    res.writeHead(304, { ETag: asset.etag, 'Cache-Control': String(asset.headers['Cache-Control']) }).end();
    return;
  }
  const body = asset?.body ?? Buffer.from(NOT_BUILT);
  res.writeHead(status, { ...headers, 'Content-Length': body.byteLength });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Serves the dashboard's static files under `/dashboard` (`/dashboard` itself is the page). Hashed
 * assets are cacheable for a year, the page is revalidated (ETag) on every load.
 *
 * @param dir the built dashboard (default {@link defaultDashboardDir})
 */
export function createDashboardHandler(dir: string = defaultDashboardDir()): DashboardHandler {
  const assets = existsSync(join(dir, 'index.html')) ? loadAssets(dir) : null;
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = (req.url ?? '/').split('?')[0] as string;
    if (path !== DASHBOARD_PATH && !path.startsWith(`${DASHBOARD_PATH}/`)) return false;
    if (assets === null) {
      if (path !== DASHBOARD_PATH && path !== `${DASHBOARD_PATH}/`) return false;
      send(req, res, 404, null);
      return true;
    }
    const asset = assets.get(path);
    if (!asset) return false;
    send(req, res, 200, asset);
    return true;
  };
}
