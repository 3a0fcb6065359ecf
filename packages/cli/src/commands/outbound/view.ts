import type { components } from '@opencom/sdk';
import type { Context } from '../../context';
import { formatTime } from '../../output/format';

type Schemas = components['schemas'];
export type OutboundMessage = Schemas['OutboundMessage'];

// The spec's enums, checked complete by the types.
const STATUSES: Record<Schemas['OutboundMessageStatus'], true> = {
  draft: true,
  active: true,
  paused: true,
  archived: true,
};
export const OUTBOUND_STATUSES = Object.keys(STATUSES);
const TRIGGERS: Record<Schemas['OutboundTriggerType'], true> = {
  immediately: true,
  page_visit: true,
  time_on_page: true,
  custom_event: true,
};
export const TRIGGER_TYPES = Object.keys(TRIGGERS);
const FREQUENCIES: Record<Schemas['OutboundFrequency'], true> = {
  once: true,
  every_time: true,
  until_clicked: true,
};
export const FREQUENCY_NAMES = Object.keys(FREQUENCIES);
const OPERATORS: Record<Schemas['OutboundTargetingOperator'], true> = {
  equals: true,
  not_equals: true,
  contains: true,
  exists: true,
  gt: true,
  lt: true,
};
export const OPERATOR_NAMES = Object.keys(OPERATORS);

/** `page_visit https://app.example.com/billing*`, `time_on_page 20s`, `custom_event checkout.failed`. */
export function describeTrigger(trigger: OutboundMessage['triggers']): string {
  const parts: string[] = [trigger.type];
  if (trigger.delaySeconds !== null) parts.push(`${trigger.delaySeconds}s`);
  if (trigger.pageUrl !== null) parts.push(trigger.pageUrl);
  if (trigger.eventName !== null) parts.push(trigger.eventName);
  return parts.join(' ');
}

/** `every visitor`, or `all of: customAttributes.plan equals "pro"; customAttributes.seats gt 3`. */
function describeTargeting(targeting: OutboundMessage['targeting']): string {
  if (targeting.rules.length === 0) return 'every visitor';
  const rules = targeting.rules.map(
    (rule) => `${rule.attribute} ${rule.operator} ${JSON.stringify(rule.value)}`,
  );
  return `${targeting.match} of: ${rules.join('; ')}`;
}

function describeScheduling({ startsAt, endsAt }: OutboundMessage['scheduling']): string {
  if (startsAt === null && endsAt === null) return 'no limits';
  return [
    startsAt !== null && `from ${formatTime(startsAt)}`,
    endsAt !== null && `until ${formatTime(endsAt)}`,
  ]
    .filter(Boolean)
    .join(' ');
}

/** One outbound message as label / value lines. */
export function showOutbound(ctx: Context, message: OutboundMessage): void {
  ctx.output.fields([
    ['id', message.id],
    ['name', message.name],
    ['status', message.status],
    ['type', message.type],
    ['text', message.content.text],
    ['sender', message.content.senderId ?? 'the workspace'],
    ['audience', describeTargeting(message.targeting)],
    ['trigger', describeTrigger(message.triggers)],
    ['frequency', message.frequency],
    ['scheduling', describeScheduling(message.scheduling)],
    ['priority', message.priority],
    ['created', formatTime(message.createdAt)],
    ['updated', formatTime(message.updatedAt)],
  ]);
}
