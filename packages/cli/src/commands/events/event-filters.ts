import type { components } from '@opencom/sdk';
import { EVENT_TYPES, type EventType } from '@opencom/webhooks';
import { InvalidArgumentError } from 'commander';

type ResourceType = components['schemas']['ResourceType'];

// The spec's `ResourceType` enum at runtime: a Record over the generated union, so adding a value to
// the spec fails the typecheck here until it is listed.
const RESOURCE_TYPES: Record<ResourceType, true> = {
  conversation: true,
  message: true,
  visitor: true,
  ticket: true,
  article: true,
  collection: true,
  outbound_message: true,
  custom_event: true,
  webhook: true,
};

/**
 * A commander parser for a comma-separated list of values from `allowed` (repeatable: `--types a,b
 * --types c` is `a,b,c`). Unknown values are a usage error naming the valid ones, before any request.
 */
export function oneOf<T extends string>(allowed: readonly T[], what: string) {
  return (value: string, previous: T[] = []): T[] => {
    const items = value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item));
    if (unknown.length > 0) {
      throw new InvalidArgumentError(
        `unknown ${what} ${unknown.join(', ')}; expected any of: ${allowed.join(', ')}.`,
      );
    }
    return [...new Set([...previous, ...(items as T[])])];
  };
}

/** `--types message.created,conversation.claimed`, checked against the spec's event types. */
export const eventTypeList = oneOf<EventType>(EVENT_TYPES, 'event type');

/** `--resource-types article,collection`, checked against the spec's resource types. */
export const resourceTypeList = oneOf(Object.keys(RESOURCE_TYPES) as ResourceType[], 'resource type');

/** One event type (`--event-type message.created`). */
export function eventType(value: string): EventType {
  const [type] = eventTypeList(value);
  if (type === undefined || value.includes(',')) throw new InvalidArgumentError('expected one event type.');
  return type;
}
