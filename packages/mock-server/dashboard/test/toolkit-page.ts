/**
 * A blank page that loads `@opencom/sdk` and `@opencom/webhooks` as a browser bundle, for checking
 * that the packages run in a real browser (issue #10). The bundle is built from the packages' sources
 * with esbuild for the `browser` platform and the same crypto swap as the webhooks package's Web build
 * (packages/webhooks/tsup.config.ts): what the `browser` / `default` export conditions give a consumer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { builtinModules } from 'node:module';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const source = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const ENTRIES: Record<string, string> = {
  '@opencom/sdk': source('sdk/src/index.ts'),
  '@opencom/webhooks': source('webhooks/src/index.ts'),
};
const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** The page's global `toolkit`: what the bundle exports, for `page.evaluate`. */
const ENTRY = `
import { Opencom } from '@opencom/sdk';
import { verifyWebhook, verifyWebhookSync, WebhookVerificationError } from '@opencom/webhooks';
globalThis.toolkit = { Opencom, verifyWebhook, verifyWebhookSync, WebhookVerificationError };
`;

/** Resolves the packages to their sources, takes the Web Crypto backend, and refuses Node built-ins. */
const browserSources: Plugin = {
  name: 'opencom-browser-sources',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      const entry = ENTRIES[args.path];
      if (entry) return { path: entry };
      if (NODE_BUILTINS.has(args.path)) {
        return { errors: [{ text: `${args.path} is a Node built-in (imported by ${args.importer})` }] };
      }
      if (/(^|\/)crypto\/runtime\.js$/.test(args.path)) {
        return { path: resolve(args.resolveDir, args.path.replace(/runtime\.js$/, 'runtime-web.ts')) };
      }
      return undefined;
    });
  },
};

/** The browser bundle as ES module source; esbuild fails the build on any Node built-in import. */
export async function bundleToolkit(): Promise<string> {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: source('sdk/src'), loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    plugins: [browserSources],
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

export interface ToolkitPage {
  /** The page: `/` (blank, loads `/toolkit.js`); every other path is the reference server's. */
  url: string;
  close(): Promise<void>;
}

const PAGE =
  '<!doctype html><html lang="en"><title>toolkit</title><script type="module" src="/toolkit.js"></script></html>';

/**
 * Serves the page and the bundle on 127.0.0.1 and passes every other request on to the reference
 * server at `api`, so the page calls the API on its own origin (the reference server sends no CORS
 * headers, as a same-origin dashboard needs none).
 */
export async function serveToolkitPage(bundle: string, api: string): Promise<ToolkitPage> {
  const server = createServer((req, res) => {
    if (req.url === '/') return send(res, 200, 'text/html; charset=utf-8', PAGE);
    if (req.url === '/toolkit.js') return send(res, 200, 'text/javascript; charset=utf-8', bundle);
    forward(req, res, api).catch(() => res.destroy());
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((closed, failed) => {
        server.close((error) => (error ? failed(error) : closed()));
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
}

// Hop-by-hop or recomputed headers are not passed on.
const SKIPPED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

async function forward(req: IncomingMessage, res: ServerResponse, api: string) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (!SKIPPED.has(name) && typeof value === 'string') headers.set(name, value);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const method = req.method ?? 'GET';
  const response = await fetch(`${api}${req.url}`, {
    method,
    headers,
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
  });
  const body = Buffer.from(await response.arrayBuffer());
  const answer: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!SKIPPED.has(name) && name !== 'content-encoding') answer[name] = value;
  });
  res.writeHead(response.status, answer).end(body);
}
