import * as generated from './generated/events.js';

/**
 * Every event type in the spec (`spec/webhooks`) this version of the package was generated from.
 *
 * @example
 * ```ts
 * const type: EventType = 'conversation.created';
 * ```
 */
export type EventType = generated.EventType;

/**
 * Each event type mapped to its envelope type, `{ id, type, createdAt, workspaceId, resource, data }`.
 *
 * @example
 * ```ts
 * function onMessage(event: EventMap['message.created']) {
 *   console.log(event.data.id);
 * }
 * ```
 */
export type EventMap = generated.EventMap;

/**
 * The discriminated union of every event in the spec, keyed on `type`.
 *
 * @example
 * ```ts
 * function handle(event: KnownEvent) {
 *   switch (event.type) {
 *     case 'conversation.created':
 *       return event.data.id;
 *   }
 * }
 * ```
 */
export type KnownEvent = generated.KnownEvent;

/**
 * The event types of the spec, as a runtime list (for subscriptions, filters and validation).
 *
 * @example
 * ```ts
 * EVENT_TYPES.includes('message.created'); // true
 * ```
 */
export const EVENT_TYPES: readonly EventType[] = generated.EVENT_TYPES;

/**
 * An event whose `type` this version of the package does not know yet (a newer server, a preview
 * type). It still verifies and parses, so receivers keep working when Opencom adds event types.
 *
 * @example
 * ```ts
 * const event = await verifyWebhook({ body, headers, secret });
 * if (!isKnownEvent(event)) {
 *   console.log('ignoring', event.type); // event is UnknownEvent here; event.data is unknown
 * }
 * ```
 */
export interface UnknownEvent {
  id: string;
  type: string;
  /** Event time, integer milliseconds since the epoch. */
  createdAt: number;
  workspaceId: string;
  resource: { type: string; id: string };
  data: unknown;
}

/**
 * What `verifyWebhook` returns: one of the spec's event types (a discriminated union on `type`), or an
 * {@link UnknownEvent}. Narrow with {@link isKnownEvent} first, then `switch (event.type)` narrows
 * `data` per type. (TypeScript cannot narrow a union that contains `type: string` by comparing `type`,
 * hence the guard.)
 *
 * @example
 * ```ts
 * const event: OpencomEvent = await verifyWebhook({ body, headers, secret });
 * if (isKnownEvent(event)) {
 *   switch (event.type) {
 *     case 'message.created':
 *       console.log(event.data.id);
 *       break;
 *   }
 * }
 * ```
 */
export type OpencomEvent = KnownEvent | UnknownEvent;

let knownTypes: ReadonlySet<string> | undefined;

/**
 * Tells whether an event's `type` is one of the types this version of the package was generated
 * from, narrowing it to the typed union.
 *
 * @example
 * ```ts
 * if (isKnownEvent(event) && event.type === 'conversation.created') {
 *   console.log(event.data.id);
 * }
 * ```
 */
export function isKnownEvent(event: OpencomEvent): event is KnownEvent {
  knownTypes ??= new Set<string>(EVENT_TYPES);
  return knownTypes.has(event.type);
}

/**
 * Tells whether an event has the given `type`, narrowing it to that event's payload type.
 *
 * @example
 * ```ts
 * if (isEvent(event, 'message.created')) {
 *   console.log(event.data.id);
 * }
 * ```
 */
export function isEvent<T extends EventType>(event: OpencomEvent, type: T): event is EventMap[T] {
  return event.type === type;
}
