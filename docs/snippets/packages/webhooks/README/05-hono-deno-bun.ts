// packages/webhooks/README.md, "Hono, Deno, Bun" (their globals and app, as their own types declare them).
import { createWebhookHandler, type OpencomEvent } from '@opencom/webhooks';

declare const secret: string;
declare function onEvent(event: OpencomEvent): Promise<void>;
declare const app: { post(path: string, handler: (c: { req: { raw: Request } }) => Promise<Response>): void };
declare const Deno: { serve(handler: (request: Request) => Promise<Response>): void };
declare const Bun: { serve(options: { fetch: (request: Request) => Promise<Response> }): void };

// #region sample
const handler = createWebhookHandler({ secret, onEvent });

app.post('/webhooks/opencom', (c) => handler(c.req.raw)); // Hono
Deno.serve(handler); // Deno
Bun.serve({ fetch: handler }); // Bun
// #endregion
