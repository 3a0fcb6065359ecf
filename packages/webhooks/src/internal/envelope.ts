import { WebhookVerificationError } from '../errors.js';
import type { OpencomEvent } from '../events.js';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(message: string): WebhookVerificationError {
  return new WebhookVerificationError('malformed', message);
}

/** Parses a verified body; an empty or non-JSON body is `malformed` (the signature was fine). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const what = text.length === 0 ? 'the body is empty' : 'the body is not valid JSON';
    throw new WebhookVerificationError('malformed', `${what}, so it is not an Opencom event`, {
      cause: error,
    });
  }
}

/**
 * Checks the canonical envelope `{ id, type, createdAt, workspaceId, resource: { type, id }, data }`.
 * Only the envelope is checked: payloads evolve, and unknown types must keep parsing.
 */
export function toEvent(value: unknown): OpencomEvent {
  if (!isObject(value)) throw malformed('the body is not a JSON object, so it is not an Opencom event');
  const { resource } = value;
  if (typeof value.id !== 'string') throw malformed('the event has no string "id"');
  if (typeof value.type !== 'string') throw malformed('the event has no string "type"');
  if (typeof value.createdAt !== 'number') throw malformed('the event has no numeric "createdAt"');
  if (typeof value.workspaceId !== 'string') throw malformed('the event has no string "workspaceId"');
  if (!isObject(resource) || typeof resource.type !== 'string' || typeof resource.id !== 'string') {
    throw malformed('the event has no "resource" with string "type" and "id"');
  }
  if (!('data' in value)) throw malformed('the event has no "data"');
  return value as unknown as OpencomEvent;
}

// The seed system's only event type whose canonical name differs.
const LEGACY_TYPES: Readonly<Record<string, string>> = { 'test.ping': 'webhook.test' };

/**
 * Turns a legacy seed body `{ eventType, resourceType, resourceId, data, timestamp }` into the
 * canonical envelope. The seed sends the event id only in `X-Opencom-Event-Id` and no workspace id,
 * so `workspaceId` is `data.workspaceId` when present, else `''`.
 */
export function toEventFromLegacy(value: unknown, eventId: string): OpencomEvent {
  if (!isObject(value)) throw malformed('the legacy body is not a JSON object');
  const { eventType, resourceType, resourceId, data, timestamp } = value;
  if (typeof eventType !== 'string') throw malformed('the legacy body has no string "eventType"');
  if (typeof resourceType !== 'string' || typeof resourceId !== 'string') {
    throw malformed('the legacy body has no string "resourceType" and "resourceId"');
  }
  if (typeof timestamp !== 'number') throw malformed('the legacy body has no numeric "timestamp"');
  const workspaceId = isObject(data) && typeof data.workspaceId === 'string' ? data.workspaceId : '';
  return {
    id: eventId,
    type: LEGACY_TYPES[eventType] ?? eventType,
    createdAt: timestamp,
    workspaceId,
    resource: { type: resourceType, id: resourceId },
    data: data ?? null,
  } as OpencomEvent;
}
