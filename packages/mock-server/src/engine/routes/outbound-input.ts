import type { components } from '../../generated/openapi';
import type { FieldError } from '../http/problem';

type S = components['schemas'];
type TriggerType = S['OutboundTriggerType'];
type TriggerField = 'pageUrl' | 'delaySeconds' | 'eventName';

/** Which trigger fields each type uses, and which of those it requires (spec: `OutboundTrigger`). */
const TRIGGER_FIELDS: Record<
  TriggerType,
  { uses: readonly TriggerField[]; requires: readonly TriggerField[] }
> = {
  immediately: { uses: [], requires: [] },
  page_visit: { uses: ['pageUrl'], requires: ['pageUrl'] },
  time_on_page: { uses: ['delaySeconds', 'pageUrl'], requires: ['delaySeconds'] },
  custom_event: { uses: ['eventName'], requires: ['eventName'] },
};

/** The value type each targeting operator takes (spec: `OutboundTargetingRule`). */
const RULE_VALUES: Record<
  S['OutboundTargetingOperator'],
  { fits: (value: unknown) => boolean; expected: string }
> = {
  equals: { fits: () => true, expected: 'a string, number or boolean' },
  not_equals: { fits: () => true, expected: 'a string, number or boolean' },
  contains: { fits: (value) => typeof value === 'string', expected: 'a string' },
  gt: { fits: (value) => typeof value === 'number', expected: 'a number' },
  lt: { fits: (value) => typeof value === 'number', expected: 'a number' },
  exists: { fits: (value) => typeof value === 'boolean', expected: 'true or false' },
};

/** A trigger with every field present: unused fields null; left out entirely, `immediately`. */
export function toTrigger(
  input: S['OutboundTriggerInput'] | undefined,
  errors: FieldError[],
): S['OutboundTrigger'] {
  if (input === undefined) return { type: 'immediately', pageUrl: null, delaySeconds: null, eventName: null };
  const { uses, requires } = TRIGGER_FIELDS[input.type];
  for (const field of ['pageUrl', 'delaySeconds', 'eventName'] as const) {
    const value = input[field] ?? null;
    const pointer = `/body/triggers/${field}`;
    if (value !== null && !uses.includes(field)) {
      errors.push({ pointer, message: `is not used by a ${input.type} trigger` });
    } else if (value === null && requires.includes(field)) {
      errors.push({ pointer, message: `is required for a ${input.type} trigger` });
    }
  }
  return {
    type: input.type,
    pageUrl: input.pageUrl ?? null,
    delaySeconds: input.delaySeconds ?? null,
    eventName: input.eventName ?? null,
  };
}

/** Targeting with defaults (`all`, no rules = every visitor), each rule's value checked against its operator. */
export function toTargeting(
  input: S['OutboundTargetingInput'] | undefined,
  errors: FieldError[],
): S['OutboundTargeting'] {
  const rules = (input?.rules ?? []).map((rule) => ({ ...rule }));
  rules.forEach((rule, i) => {
    const { fits, expected } = RULE_VALUES[rule.operator];
    if (!fits(rule.value)) {
      errors.push({
        pointer: `/body/targeting/rules/${i}/value`,
        message: `must be ${expected} for ${rule.operator}`,
      });
    }
  });
  return { match: input?.match ?? 'all', rules };
}

/** Scheduling with open bounds for what is left out; `endsAt` must be after `startsAt`. */
export function toScheduling(
  input: S['OutboundSchedulingInput'] | undefined,
  errors: FieldError[],
): S['OutboundScheduling'] {
  const startsAt = input?.startsAt ?? null;
  const endsAt = input?.endsAt ?? null;
  if (startsAt !== null && endsAt !== null && endsAt <= startsAt) {
    errors.push({ pointer: '/body/scheduling/endsAt', message: 'must be later than startsAt' });
  }
  return { startsAt, endsAt };
}

/** Content with the sender defaulting to the workspace (null). */
export function toContent(input: S['OutboundMessageContentInput']): S['OutboundMessageContent'] {
  // The reference server keeps no agent directory, so it cannot refuse an unknown sender: any ID goes.
  return { text: input.text, senderId: input.senderId ?? null };
}
