import { CheckboxGroup } from '../components/checkbox-group';
import { CHANNELS, EVENT_TYPES, RESOURCE_TYPES } from '../spec-lists';

export interface Filters {
  eventTypes: (typeof EVENT_TYPES)[number][];
  resourceTypes: (typeof RESOURCE_TYPES)[number][];
  channels: (typeof CHANNELS)[number][];
}

export const NO_FILTERS: Filters = { eventTypes: [], resourceTypes: [], channels: [] };

/** A subscription's three filters, each a list from the spec; an empty one matches everything. */
export function WebhookFilters({ value, onChange }: { value: Filters; onChange(value: Filters): void }) {
  return (
    <div class="filters">
      <CheckboxGroup
        legend="Event types"
        hint="None selected: every event type, including ones added later."
        options={EVENT_TYPES}
        selected={value.eventTypes}
        onChange={(eventTypes) => onChange({ ...value, eventTypes })}
      />
      <CheckboxGroup
        legend="Resource types"
        hint="None selected: events about every resource."
        options={RESOURCE_TYPES}
        selected={value.resourceTypes}
        onChange={(resourceTypes) => onChange({ ...value, resourceTypes })}
      />
      <CheckboxGroup
        legend="Channels"
        hint="Applies to conversation and message events; none selected: every channel."
        options={CHANNELS}
        selected={value.channels}
        onChange={(channels) => onChange({ ...value, channels })}
      />
    </div>
  );
}
