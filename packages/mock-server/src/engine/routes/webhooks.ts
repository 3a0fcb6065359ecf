import { generateSecret } from '@opencom/webhooks';
import type { RouteTable } from '../context';
import { deliveriesOf } from '../delivery/registry';
import { created, ok } from '../http/json';
import { problems } from '../http/problem';
import type { WebhookRow } from '../store/store';
import { accepted, toDelivery } from './delivery-record';
import { secretPrefixOf, toWebhook, webhookOr404 } from './webhook-record';

/** The default overlap of a rotation: the previous secret keeps signing for 24 hours. */
const DEFAULT_OVERLAP_SECONDS = 86_400;
const TEST_MESSAGE = 'Test event sent from Opencom. If you can read this, your endpoint works.';

/**
 * The schema checks the shape (`http(s)://` and no spaces); this checks that it parses as an absolute
 * URL with a host. Loopback and private addresses are allowed: the reference server is for local
 * development (spec: WebhookUrl, "a deployment may refuse it").
 */
function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw problems.invalidField('/body/url', 'must be an absolute http or https URL');
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') {
    throw problems.invalidField('/body/url', 'must be an absolute http or https URL');
  }
  return url;
}

export const webhooksRoutes: RouteTable = {
  listWebhooks: ({ engine, workspace, query }) => {
    const { status } = query;
    return ok(
      engine.page(
        {
          list: 'listWebhooks:created',
          index: engine.store.webhooks.index('created'),
          prefix: [workspace.id],
          reverse: true,
          limit: query.limit ?? 20,
          cursor: query.cursor,
          ...(status === undefined ? {} : { filter: (row: WebhookRow) => row.status === status }),
        },
        toWebhook,
      ),
    );
  },

  createWebhook: ({ engine, workspace, body, now, audit }) => {
    const secret = generateSecret();
    const row = engine.store.webhooks.insert({
      id: engine.ids.next('whk'),
      workspaceId: workspace.id,
      url: checkUrl(body.url),
      description: body.description ?? null,
      eventTypes: [...(body.eventTypes ?? [])],
      resourceTypes: [...(body.resourceTypes ?? [])],
      channels: [...(body.channels ?? [])],
      status: body.status ?? 'active',
      disabledReason: null,
      secretPrefix: secretPrefixOf(secret),
      createdAt: now,
      updatedAt: now,
      secretCiphertext: engine.secrets.seal(secret),
      previousSecretCiphertext: null,
      previousSecretExpiresAt: null,
      failingSince: null,
    });
    audit('webhook.create', { type: 'webhook', id: row.id });
    // The only time the secret leaves the server; it is stored encrypted and never shown again.
    return created({ ...toWebhook(row), secret }, `/api/v1/webhooks/${row.id}`);
  },

  getWebhook: ({ engine, workspace, path }) =>
    ok(toWebhook(webhookOr404(engine, workspace.id, path.webhookId))),

  updateWebhook: ({ engine, workspace, path, body, now, audit }) => {
    const row = webhookOr404(engine, workspace.id, path.webhookId);
    const url = body.url === undefined ? undefined : checkUrl(body.url);
    const stops = body.status === 'paused' && row.status !== 'paused';
    engine.store.webhooks.update(row, (r) => {
      if (url !== undefined) r.url = url;
      if (body.description !== undefined) r.description = body.description;
      if (body.eventTypes !== undefined) r.eventTypes = [...body.eventTypes];
      if (body.resourceTypes !== undefined) r.resourceTypes = [...body.resourceTypes];
      if (body.channels !== undefined) r.channels = [...body.channels];
      if (body.status !== undefined) {
        // `active` also re-enables a disabled subscription, with a clean failure record.
        if (body.status === 'active' && r.status !== 'active') r.failingSince = null;
        r.status = body.status;
        r.disabledReason = null;
      }
      r.updatedAt = now;
    });
    // Pausing drops scheduled retries: those deliveries end `failed` (spec: updateWebhook).
    if (stops) deliveriesOf(engine).endChains(row.id);
    audit('webhook.update', { type: 'webhook', id: row.id });
    return ok(toWebhook(row));
  },

  deleteWebhook: ({ engine, workspace, path, audit }) => {
    const row = webhookOr404(engine, workspace.id, path.webhookId);
    engine.store.webhooks.delete(row);
    // Its deliveries stay readable; the unfinished ones end `failed` (spec: deleteWebhook).
    deliveriesOf(engine).endChains(row.id);
    audit('webhook.delete', { type: 'webhook', id: row.id });
    return ok({ id: row.id, deleted: true });
  },

  rotateWebhookSecret: ({ engine, workspace, path, body, now, audit }) => {
    const row = webhookOr404(engine, workspace.id, path.webhookId);
    const overlapSeconds = body?.expireCurrentInSeconds ?? DEFAULT_OVERLAP_SECONDS;
    const secret = generateSecret();
    const previousSecretExpiresAt = now + overlapSeconds * 1000;
    engine.store.webhooks.update(row, (r) => {
      // At most two secrets sign: the current one becomes the previous, and an older previous retires.
      r.previousSecretCiphertext = overlapSeconds > 0 ? r.secretCiphertext : null;
      r.previousSecretExpiresAt = previousSecretExpiresAt;
      r.secretCiphertext = engine.secrets.seal(secret);
      r.secretPrefix = secretPrefixOf(secret);
      r.updatedAt = now;
    });
    audit('webhook.rotate_secret', { type: 'webhook', id: row.id });
    return ok({ ...toWebhook(row), secret, previousSecretExpiresAt });
  },

  testWebhook: ({ engine, workspace, path, audit }) => {
    const row = webhookOr404(engine, workspace.id, path.webhookId);
    // Recorded in the feed like any event; the fan-out skips `webhook.test`, so only this
    // subscription receives it, whatever its filters and status (spec: testWebhook).
    const event = engine.emit({
      type: 'webhook.test',
      workspaceId: workspace.id,
      resource: { type: 'webhook', id: row.id },
      data: { webhookId: row.id, message: TEST_MESSAGE },
    });
    const delivery = deliveriesOf(engine).deliver(row, event, null);
    audit('webhook.test', { type: 'webhook', id: row.id });
    return accepted(toDelivery(delivery));
  },
};
