// The claim bot as a program.
//   OPENCOM_API_KEY=osk_… pnpm start                          tail the event feed (needs events.read)
//   OPENCOM_API_KEY=osk_… OPENCOM_WEBHOOK_SECRET=whsec_… pnpm start --webhooks --port 3000
// OPENCOM_BASE_URL defaults to the reference server on http://127.0.0.1:4010. Ctrl-C stops: claims in
// progress are released. The key and the webhook secret are never printed.
import { parseArgs } from 'node:util';
import { Opencom, OpencomConfigError } from '@opencom/sdk';
import { type BotAction, formatAction } from './actions';
import { ClaimBot } from './bot';
import { tailEventFeed } from './event-feed-source';
import { visitorMessageOf } from './visitor-message';
import { startWebhookReceiver } from './webhook-receiver';

const { values } = parseArgs({
  options: {
    webhooks: { type: 'boolean', default: false },
    port: { type: 'string', default: '3000' },
    'min-score': { type: 'string', default: '3' },
    lease: { type: 'string', default: '60' },
    'help-center-url': { type: 'string' },
  },
});

const log = (action: BotAction) => console.log(`${new Date().toISOString()} ${formatAction(action)}`);
const opencom = clientOrExit();
const bot = new ClaimBot({
  opencom,
  onAction: log,
  leaseSeconds: Number(values.lease),
  policy: { minScore: Number(values['min-score']), helpCenterUrl: values['help-center-url'] },
});
const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
process.once('SIGTERM', () => stop.abort());

if (values.webhooks) {
  const secret = process.env.OPENCOM_WEBHOOK_SECRET;
  if (!secret) {
    console.error('claim-bot: set OPENCOM_WEBHOOK_SECRET to the subscription secret (whsec_…)');
    process.exit(2);
  }
  const receiver = await startWebhookReceiver({
    secret,
    port: Number(values.port),
    onEvent: (event) => {
      const message = visitorMessageOf(event);
      if (message !== null) bot.notify(message);
    },
  });
  console.log(`claim-bot: receiving webhooks on ${receiver.url} (subscribe it to message.created)`);
  await new Promise((resolve) => stop.signal.addEventListener('abort', resolve, { once: true }));
  await receiver.close();
} else {
  const me = await opencom.me.get();
  console.log(`claim-bot: tailing the event feed of ${me.workspace.name} as ${me.actorName}`);
  await tailEventFeed(opencom, bot, { signal: stop.signal });
}
await bot.stop();

/** A client from OPENCOM_API_KEY / OPENCOM_BASE_URL; without a key, says so and exits 2 (no stack trace). */
function clientOrExit(): Opencom {
  try {
    return new Opencom();
  } catch (error) {
    if (!(error instanceof OpencomConfigError)) throw error;
    console.error(`claim-bot: ${error.message.replace(/^@opencom\/sdk: /, '')}`);
    process.exit(2);
  }
}
