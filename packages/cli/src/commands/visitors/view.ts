import type { components } from '@opencom/sdk';
import type { Context } from '../../context';
import { formatTime } from '../../output/format';

export type Visitor = components['schemas']['Visitor'];

const place = (visitor: Visitor) =>
  visitor.location === null
    ? undefined
    : [visitor.location.city, visitor.location.country].filter((part) => part !== null).join(', ');

/** `plan=pro, seats=5` */
export const attributeList = (attributes: Record<string, unknown>) =>
  Object.entries(attributes).map(([key, value]) => `${key}=${JSON.stringify(value)}`);

/** One visitor as label / value lines. */
export function showVisitor(ctx: Context, visitor: Visitor): void {
  ctx.output.fields([
    ['id', visitor.id],
    ['name', visitor.name],
    ['email', visitor.email],
    ['external id', visitor.externalId],
    ['external user id', visitor.externalUserId],
    ['location', place(visitor)],
    ['attributes', attributeList(visitor.customAttributes)],
    ['first seen', formatTime(visitor.firstSeenAt)],
    ['last seen', formatTime(visitor.lastSeenAt)],
    ['created', formatTime(visitor.createdAt)],
    ['updated', formatTime(visitor.updatedAt)],
  ]);
}
