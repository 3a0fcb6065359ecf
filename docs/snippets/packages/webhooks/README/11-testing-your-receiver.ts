// packages/webhooks/README.md, "Testing your receiver".
declare const secret: string;
declare function handler(request: Request): Promise<Response>;

// #region sample
import { generateTestHeaders, signWebhook } from '@opencom/webhooks';

const body = JSON.stringify({
  id: 'evt_1',
  type: 'webhook.test',
  createdAt: Date.now(),
  workspaceId: 'ws_1',
  resource: { type: 'webhook', id: 'whk_1' },
  data: {},
});
const headers = await generateTestHeaders({ body, secret }); // webhook-id = the body's id, timestamp = now
const response = await handler(new Request('http://localhost/webhooks', { method: 'POST', body, headers }));

await signWebhook({ id: 'evt_1', timestamp: new Date(), body, secret }); // 'v1,…'
// #endregion
