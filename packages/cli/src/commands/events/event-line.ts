import type { components } from '@opencom/sdk';
import { formatTime } from '../../output/format';
import type { Column } from '../../output/output';

export type FeedEvent = components['schemas']['Event'];

/** The longest event type in the spec (`conversation.claim_released`), so tail lines align. */
const TYPE_WIDTH = 27;

const subject = (event: FeedEvent) => `${event.resource.type} ${event.resource.id}`;

/** The columns of `events list`; `events tail` prints the same fields as one line per event. */
export const eventColumns: Column<FeedEvent>[] = [
  { header: 'time', value: (e) => formatTime(e.createdAt) },
  { header: 'type', value: (e) => e.type },
  { header: 'id', value: (e) => e.id },
  { header: 'subject', value: subject },
];

/** `2026-11-29 05:05:20Z  message.created              evt_1  message msg_1` */
export function eventLine(event: FeedEvent): string {
  return `${formatTime(event.createdAt)}  ${event.type.padEnd(TYPE_WIDTH)}  ${event.id}  ${subject(event)}`;
}
