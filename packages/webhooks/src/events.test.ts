import { describe, expect, expectTypeOf, it } from 'vitest';
import type { EventMap, KnownEvent } from './events.js';
import { isEvent, isKnownEvent, type OpencomEvent, type UnknownEvent } from './events.js';

const event = (type: string): OpencomEvent => ({
  id: 'evt_1',
  type,
  createdAt: 1_700_000_000_000,
  workspaceId: 'ws_1',
  resource: { type: 'message', id: 'msg_1' },
  data: { id: 'msg_1' },
});

describe('isKnownEvent(event)', () => {
  it('is true for the spec event types and false for newer ones', () => {
    expect(isKnownEvent(event('message.created'))).toBe(true);
    expect(isKnownEvent(event('robot.invented'))).toBe(false);
  });

  it('narrows to the discriminated union, so switch (event.type) narrows data', () => {
    const value = event('message.created');
    if (isKnownEvent(value)) {
      expectTypeOf(value).toEqualTypeOf<KnownEvent>();
      if (value.type === 'message.created') expectTypeOf(value.data.id).toEqualTypeOf<string>();
    } else {
      expectTypeOf(value).toEqualTypeOf<UnknownEvent>();
    }
  });
});

describe('isEvent(event, type)', () => {
  it('narrows to one event type', () => {
    const value = event('message.created');
    expect(isEvent(value, 'message.created')).toBe(true);
    expect(isEvent(value, 'conversation.created')).toBe(false);
    if (isEvent(value, 'message.created')) expectTypeOf(value).toEqualTypeOf<EventMap['message.created']>();
  });
});
