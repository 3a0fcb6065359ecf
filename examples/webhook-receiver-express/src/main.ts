// OPENCOM_WEBHOOK_SECRET=whsec_… [PORT=3000] pnpm start
// Subscribe http://<host>:3000/webhooks/opencom (`opencom webhooks create --url …`), or forward the
// event feed to it locally: `opencom events tail --forward-to http://127.0.0.1:3000/webhooks/opencom`.
// During a secret rotation, set OPENCOM_WEBHOOK_SECRET to "whsec_new,whsec_old".
import { createReceiverApp } from './app';

const secrets = (process.env.OPENCOM_WEBHOOK_SECRET ?? '').split(',').filter(Boolean);
if (secrets.length === 0) {
  console.error('webhook-receiver-express: set OPENCOM_WEBHOOK_SECRET to the subscription secret (whsec_…)');
  process.exit(2);
}
const port = Number(process.env.PORT ?? 3000);
const app = createReceiverApp({
  secrets,
  onEvent: (event, { webhookId }) => console.log(`${new Date().toISOString()} ${event.type} ${webhookId}`),
});
app.listen(port, '127.0.0.1', () => {
  console.log(`webhook-receiver-express: POST http://127.0.0.1:${port}/webhooks/opencom`);
});
