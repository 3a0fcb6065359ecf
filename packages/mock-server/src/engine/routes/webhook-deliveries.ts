import type { components } from '../../generated/openapi';
import type { EngineState, RouteTable } from '../context';
import { deliveriesOf } from '../delivery/registry';
import { ok } from '../http/json';
import { problems } from '../http/problem';
import type { IndexKey, SortedIndex } from '../store/sorted-index';
import type { DeliveryRow, WebhookRow } from '../store/store';
import { accepted, deliveryOr404, toDelivery, toDeliveryDetail } from './delivery-record';
import { webhookOr404 } from './webhook-record';

type WebhookDelivery = components['schemas']['WebhookDelivery'];

/** One bulk replay starts at most this many (spec: replayWebhookDeliveries). */
const BULK_LIMIT = 100;

/** Whether a delivery was replayed already: its replays carry the same event, so few rows to look at. */
function hasReplay(engine: EngineState, row: DeliveryRow): boolean {
  for (const other of engine.store.deliveries.index('byEvent').scan([row.workspaceId, row.eventId])) {
    if (other.replayOf === row.id) return true;
  }
  return false;
}

/** Sends a delivery's stored event again to its subscription, as a new chain linked by `replayOf`. */
function replay(engine: EngineState, original: DeliveryRow, subscription: WebhookRow): WebhookDelivery {
  const event = engine.store.events.get(original.eventId);
  if (!event) throw new Error(`delivery ${original.id} carries unknown event ${original.eventId}`);
  return toDelivery(deliveriesOf(engine).deliver(subscription, event, original.id));
}

export const webhookDeliveriesRoutes: RouteTable = {
  listWebhookDeliveries: ({ engine, workspace, query }) => {
    const { deliveries } = engine.store;
    const ws = workspace.id;
    // The most selective index that serves a filter; the other filters are checked row by row.
    let source: [string, SortedIndex<DeliveryRow>, IndexKey];
    if (query.eventId !== undefined) {
      source = ['listWebhookDeliveries:event', deliveries.index('byEvent'), [ws, query.eventId]];
    } else if (query.webhookId !== undefined) {
      source = ['listWebhookDeliveries:webhook', deliveries.index('byWebhook'), [ws, query.webhookId]];
    } else if (query.status !== undefined) {
      source = ['listWebhookDeliveries:status', deliveries.index('status'), [ws, query.status]];
    } else {
      source = ['listWebhookDeliveries:created', deliveries.index('created'), [ws]];
    }
    const [list, index, prefix] = source;
    const filter = (row: DeliveryRow) =>
      (query.status === undefined || row.status === query.status) &&
      (query.webhookId === undefined || row.webhookId === query.webhookId) &&
      (query.eventId === undefined || row.eventId === query.eventId) &&
      (query.eventType === undefined || row.eventType === query.eventType);
    return ok(
      engine.page(
        {
          list,
          index,
          prefix,
          reverse: true,
          limit: query.limit ?? 20,
          cursor: query.cursor,
          filter,
          // Newest first: the first row older than `createdAfter` ends the scan (O(log n + page)).
          ...(query.createdAfter === undefined
            ? {}
            : { stopAt: (row: { createdAt: number }) => row.createdAt < (query.createdAfter as number) }),
        },
        toDelivery,
      ),
    );
  },

  getWebhookDelivery: ({ engine, workspace, path }) =>
    ok(toDeliveryDetail(engine, deliveryOr404(engine, workspace.id, path.deliveryId))),

  replayWebhookDelivery: ({ engine, workspace, path, audit }) => {
    const original = deliveryOr404(engine, workspace.id, path.deliveryId);
    const subscription = engine.store.webhooks.get(original.webhookId);
    if (!subscription) {
      throw problems.conflict(
        `Webhook subscription ${original.webhookId} was deleted; its deliveries cannot be replayed.`,
      );
    }
    const delivery = replay(engine, original, subscription);
    audit('delivery.replay', { type: 'webhook_delivery', id: original.id });
    return accepted(delivery);
  },

  replayWebhookDeliveries: ({ engine, workspace, body, audit }) => {
    const { deliveries, webhooks } = engine.store;
    const ws = workspace.id;
    if (body.webhookId !== undefined) webhookOr404(engine, ws, body.webhookId);
    // Oldest first from `since`, inclusive: an index key with the bound as its last part sorts first.
    const scan =
      body.webhookId === undefined
        ? deliveries.index('status').scan([ws, body.status], { after: [ws, body.status, body.since] })
        : deliveries
            .index('byWebhook')
            .scan([ws, body.webhookId], { after: [ws, body.webhookId, body.since] });
    const picked: [DeliveryRow, WebhookRow][] = [];
    let hasMore = false;
    // Picked first, replayed after: replaying inserts rows into the indexes being scanned.
    for (const row of scan) {
      const subscription = webhooks.get(row.webhookId);
      if (row.status !== body.status || !subscription || hasReplay(engine, row)) continue;
      if (picked.length === BULK_LIMIT) {
        hasMore = true;
        break;
      }
      picked.push([row, subscription]);
    }
    const data = picked.map(([original, subscription]) => {
      const delivery = replay(engine, original, subscription);
      audit('delivery.replay', { type: 'webhook_delivery', id: original.id });
      return delivery;
    });
    return { status: 202, body: { replayed: data.length, data, hasMore } };
  },
};
