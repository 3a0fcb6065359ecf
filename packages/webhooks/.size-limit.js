// Bundle-size budgets of @opencom/webhooks, minified and gzipped, as a browser or edge bundle ships the
// Web build (`pnpm size` from the repository root, after `pnpm build`; part of `pnpm check`).
export default [
  {
    name: 'import { verifyWebhook } from "@opencom/webhooks" (Web build)',
    path: 'dist/web/index.js',
    import: '{ verifyWebhook }',
    limit: '4.5 kB',
    gzip: true,
  },
  {
    name: 'import { createWebhookHandler, createDeduper } from "@opencom/webhooks" (Web build)',
    path: 'dist/web/index.js',
    import: '{ createWebhookHandler, createDeduper }',
    limit: '6 kB',
    gzip: true,
  },
];
