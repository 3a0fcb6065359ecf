import type { components } from '../../generated/openapi';
import type { EngineState } from '../context';
import { rowInWorkspace } from '../store/in-workspace';
import type { WebhookRow } from '../store/store';

type WebhookSubscription = components['schemas']['WebhookSubscription'];

/** A stored subscription as the API shows it: never a secret, only its prefix. */
export function toWebhook(row: WebhookRow): WebhookSubscription {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    url: row.url,
    description: row.description,
    eventTypes: [...row.eventTypes],
    resourceTypes: [...row.resourceTypes],
    channels: [...row.channels],
    status: row.status,
    disabledReason: row.disabledReason,
    secretPrefix: row.secretPrefix,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A subscription of the caller's workspace, or 404 (deleted ones are gone). */
export function webhookOr404(engine: EngineState, workspaceId: string, id: string): WebhookRow {
  return rowInWorkspace(engine.store.webhooks, workspaceId, id, 'webhook subscription');
}

/** `whsec_` and the next 8 characters: enough to tell secrets apart, useless to forge a signature. */
export const secretPrefixOf = (secret: string): string => secret.slice(0, 14);
