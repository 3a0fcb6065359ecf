// OPENCOM_WEBHOOK_SECRET=whsec_… [PORT=3000] pnpm start: the Fetch-API receiver on Node.
// During a secret rotation, set OPENCOM_WEBHOOK_SECRET to "whsec_new,whsec_old".
import { createReceiver } from './handler';
import { serveNode } from './serve-node';

const secrets = (process.env.OPENCOM_WEBHOOK_SECRET ?? '').split(',').filter(Boolean);
if (secrets.length === 0) {
  console.error('webhook-receiver-fetch: set OPENCOM_WEBHOOK_SECRET to the subscription secret (whsec_…)');
  process.exit(2);
}
const receiver = createReceiver({
  secrets,
  onEvent: (event, { webhookId }) => console.log(`${new Date().toISOString()} ${event.type} ${webhookId}`),
  onError: (error) => console.error(error),
});
const server = await serveNode(receiver, { port: Number(process.env.PORT ?? 3000) });
console.log(`webhook-receiver-fetch: POST ${server.origin}/webhooks/opencom`);
