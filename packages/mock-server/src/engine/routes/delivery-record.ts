import type { components } from '../../generated/openapi';
import type { EngineState } from '../context';
import type { RouteResult } from '../http/json';
import { rowInWorkspace } from '../store/in-workspace';
import type { DeliveryRow } from '../store/store';
import { toEvent } from './event-record';

type WebhookDelivery = components['schemas']['WebhookDelivery'];
type WebhookDeliveryDetail = components['schemas']['WebhookDeliveryDetail'];

/** A stored delivery as lists show it: its latest attempt, not all of them. */
export function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhookId,
    eventId: row.eventId,
    eventType: row.eventType,
    status: row.status,
    attemptCount: row.attemptCount,
    maxAttempts: row.maxAttempts,
    nextAttemptAt: row.nextAttemptAt,
    replayOf: row.replayOf,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    completedAt: row.completedAt,
    lastAttempt: row.lastAttempt,
  };
}

/** A delivery with every attempt and the event it carries (`GET /webhook-deliveries/{deliveryId}`). */
export function toDeliveryDetail(engine: EngineState, row: DeliveryRow): WebhookDeliveryDetail {
  const event = engine.store.events.get(row.eventId);
  // The ledger keeps every event, so a delivery's event is always there.
  if (!event) throw new Error(`delivery ${row.id} carries unknown event ${row.eventId}`);
  return { ...toDelivery(row), attempts: [...row.attempts], event: toEvent(event) };
}

/** A delivery of the caller's workspace, or 404. */
export function deliveryOr404(engine: EngineState, workspaceId: string, id: string): DeliveryRow {
  return rowInWorkspace(engine.store.deliveries, workspaceId, id, 'webhook delivery');
}

/** 202 with the queued delivery and where to follow it (test and replay). */
export const accepted = (delivery: WebhookDelivery): RouteResult => ({
  status: 202,
  body: delivery,
  headers: { Location: `/api/v1/webhook-deliveries/${delivery.id}` },
});
