import type { components } from '../../generated/openapi';
import { problems } from '../http/problem';
import type { VisitorRow } from '../store/store';

type S = components['schemas'];
type Visitor = S['Visitor'];
type Attributes = S['CustomAttributes'];

/** The fields an API write can change; activity (`lastSeenAt`) is not among them. */
export type VisitorProfile = Pick<
  VisitorRow,
  'externalId' | 'externalUserId' | 'email' | 'name' | 'location' | 'customAttributes'
>;

/** What PATCH and the update branch of PUT accept (PUT takes the external ID from the path). */
export type ProfileChanges = S['VisitorUpdate'] | S['VisitorUpsert'];

/** The spec's cap on a visitor's attributes (`CustomAttributes.maxProperties`). */
const MAX_ATTRIBUTES = 100;

/** A stored visitor as the API shows it; nested objects are copied so a snapshot never changes later. */
export function toVisitor(row: VisitorRow): Visitor {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    externalId: row.externalId,
    externalUserId: row.externalUserId,
    email: row.email,
    name: row.name,
    location: row.location ? { city: row.location.city, country: row.location.country } : null,
    customAttributes: { ...row.customAttributes },
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * Sets the attributes sent and removes those sent as null, keeping the rest (the spec's key-by-key
 * merge, so attributes written by the widget or other integrations survive). Over the cap is a 400.
 */
export function mergeAttributes(stored: Attributes, changes: Attributes | undefined): Attributes {
  if (changes === undefined) return stored;
  const merged: Attributes = { ...stored, ...changes };
  const kept = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== null));
  if (Object.keys(kept).length > MAX_ATTRIBUTES) {
    throw problems.invalidField(
      '/body/customAttributes',
      `would leave the visitor with more than ${MAX_ATTRIBUTES} attributes`,
    );
  }
  return kept;
}

/** The profile after applying `changes`: fields left out keep their values, null clears one. */
export function nextProfile(row: VisitorRow, changes: ProfileChanges): VisitorProfile {
  return {
    externalId:
      'externalId' in changes && changes.externalId !== undefined ? changes.externalId : row.externalId,
    externalUserId: changes.externalUserId === undefined ? row.externalUserId : changes.externalUserId,
    email: changes.email === undefined ? row.email : changes.email,
    name: changes.name === undefined ? row.name : changes.name,
    location: changes.location === undefined ? row.location : changes.location,
    customAttributes: mergeAttributes(row.customAttributes, changes.customAttributes),
  };
}

function sameAttributes(a: Attributes, b: Attributes): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && a[key] === b[key]);
}

/** True when `next` would change nothing a client can see (then nothing is written, no event). */
export function sameProfile(row: VisitorRow, next: VisitorProfile): boolean {
  return (
    row.externalId === next.externalId &&
    row.externalUserId === next.externalUserId &&
    row.email === next.email &&
    row.name === next.name &&
    (row.location === next.location ||
      (row.location !== null &&
        next.location !== null &&
        row.location.city === next.location.city &&
        row.location.country === next.location.country)) &&
    sameAttributes(row.customAttributes, next.customAttributes)
  );
}
