import type { components } from '@opencom/sdk';
import type { Command } from 'commander';
import { eventTypeList, oneOf, resourceTypeList } from '../events/event-filters';

type Channel = components['schemas']['Channel'];
type SubscriptionBody = components['schemas']['WebhookSubscriptionUpdate'];

// The spec's `Channel` enum at runtime; a Record so a new channel in the spec fails the typecheck here.
const CHANNELS: Record<Channel, true> = { chat: true, email: true };

/** `all` (or an empty value) sets a filter to `[]`: every type, including ones added later (spec: WebhookEventTypeFilter). */
const orAll =
  <T>(parse: (value: string, previous?: T[]) => T[]) =>
  (value: string, previous?: T[]): T[] =>
    value.trim() === '' || value.trim() === 'all' ? [] : parse(value, previous);

export interface FilterFlags {
  events?: SubscriptionBody['eventTypes'];
  resourceTypes?: SubscriptionBody['resourceTypes'];
  channels?: SubscriptionBody['channels'];
}

/** `--events`, `--resource-types` and `--channels`, the same on create and update. */
export function filterOptions(command: Command): Command {
  return command
    .option(
      '--events <types>',
      'only these event types, comma-separated ("all" for every type)',
      orAll(eventTypeList),
    )
    .option(
      '--resource-types <types>',
      'only events about these resource types, comma-separated ("all" for every one)',
      orAll(resourceTypeList),
    )
    .option(
      '--channels <channels>',
      'only conversation and message events on these channels: chat, email ("all" for both)',
      orAll(oneOf(Object.keys(CHANNELS) as Channel[], 'channel')),
    );
}

/** The filters that were given, as body fields (a filter left out is not sent). */
export function filterFields(
  flags: FilterFlags,
): Pick<SubscriptionBody, 'eventTypes' | 'resourceTypes' | 'channels'> {
  return {
    ...(flags.events === undefined ? {} : { eventTypes: flags.events }),
    ...(flags.resourceTypes === undefined ? {} : { resourceTypes: flags.resourceTypes }),
    ...(flags.channels === undefined ? {} : { channels: flags.channels }),
  };
}
