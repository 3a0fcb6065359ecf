import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineRequest, EngineResponse } from '../engine/engine';
import { parseTarget } from './request-target';

/** Bodies past this are not kept (the engine answers 413 long before); the stream is still drained. */
const KEEP_AT_MOST = 8 * 1024 * 1024;

/**
 * A node:http request as the engine sees it. No Fetch `Request` is built: undici's constructor (with
 * its AbortSignal and web streams) costs more than the engine's own work on a list request.
 */
export function toEngineRequest(req: IncomingMessage, origin: string): EngineRequest {
  return {
    method: req.method ?? 'GET',
    url: parseTarget(req.url ?? '/', origin),
    headers: {
      get(name) {
        const value = req.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    bytes: async () => {
      // A request without Content-Length or Transfer-Encoding has no body (RFC 9112 §6.3): do not
      // start an async iterator on the socket stream for every GET.
      if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
        return null;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += (chunk as Buffer).byteLength;
        if (size <= KEEP_AT_MOST) chunks.push(chunk as Buffer);
      }
      if (size === 0) return null;
      // Report the true size past the cap so the engine answers 413 rather than parsing a fragment.
      return size > KEEP_AT_MOST ? new Uint8Array(size) : Buffer.concat(chunks);
    },
  };
}

/** Writes the engine's answer to a node:http response in one piece, or drops the connection. */
export function sendEngineResponse(
  response: EngineResponse,
  res: ServerResponse,
  options: { keepAlive: boolean },
) {
  if (response.dropConnection) {
    // A `reset_after_commit` fault: a TCP reset with nothing written, as when a proxy dies.
    if (res.socket) res.socket.resetAndDestroy();
    else res.destroy();
    return;
  }
  // A flat [name, value, ...] list: adding Content-Length to a copy of the engine's header object
  // took V8's slow keyed-store path on every response.
  const head: Array<string | number> = [];
  for (const name in response.headers) head.push(name, response.headers[name] as string);
  if (!options.keepAlive) head.push('Connection', 'close');
  if (response.body === null) {
    res.writeHead(response.status, head).end();
    return;
  }
  const bytes = Buffer.byteLength(response.body);
  head.push('Content-Length', bytes);
  // As many UTF-8 bytes as UTF-16 units means all ASCII, where Latin-1 is the same bytes and a plain
  // copy instead of an encoder (most bodies: JSON escapes nothing else unless the data holds it).
  res.writeHead(response.status, head).end(response.body, bytes === response.body.length ? 'latin1' : 'utf8');
}
