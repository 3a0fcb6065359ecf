import { WebhookVerificationError } from '../errors.js';
import { readListHeader, readSingleHeader, type WebhookHeaders } from '../headers.js';
import { toEventFromLegacy } from '../internal/envelope.js';
import { legacyKey } from '../secret.js';
import { missingHeaders, parseTimestamp, type SignedDelivery } from './signed-delivery.js';

const SIGNATURE = 'x-opencom-signature';
const EVENT_ID = 'x-opencom-event-id';
const TIMESTAMP = 'x-opencom-timestamp';

/**
 * Reads a delivery signed by the seed system (`X-Opencom-Signature: t=<seconds>,v1=<hex>`), or returns
 * `undefined` when that header is absent. The MAC is HMAC-SHA256 over `<t>.<body>`, lower-case hex,
 * keyed with the UTF-8 bytes of the whole secret string including `whsec_`.
 *
 * Unlike Standard Webhooks, the event id (`X-Opencom-Event-Id`) is not covered by the signature.
 */
export function readLegacyDelivery(headers: WebhookHeaders): SignedDelivery | undefined {
  const header = readListHeader(headers, SIGNATURE);
  if (header === undefined) return undefined;
  const eventId = readSingleHeader(headers, EVENT_ID);
  if (eventId === null)
    throw new WebhookVerificationError('malformed', `${EVENT_ID} has several different values`);
  if (!header || !eventId)
    throw missingHeaders([!header && SIGNATURE, !eventId && EVENT_ID].filter((n) => n !== false));

  let t: string | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const item = part.trim();
    if (item.startsWith('t=')) {
      const value = item.slice(2);
      if (t !== undefined && t !== value) {
        throw new WebhookVerificationError('malformed', `${SIGNATURE} has several different t= values`);
      }
      t = value;
    } else if (item.startsWith('v1=')) {
      signatures.push(item.slice(3).toLowerCase());
    }
  }
  if (t === undefined) throw new WebhookVerificationError('malformed', `${SIGNATURE} has no t= timestamp`);
  const timestamp = parseTimestamp(t, `the t= value of ${SIGNATURE}`);
  const echoed = readSingleHeader(headers, TIMESTAMP);
  if (echoed !== undefined && echoed !== t) {
    throw new WebhookVerificationError('malformed', `${TIMESTAMP} differs from the signed t= value`);
  }

  return {
    scheme: 'legacy',
    webhookId: eventId,
    timestamp,
    signedPrefix: `${t}.`,
    encoding: 'hex',
    signatures,
    signatureHeader: SIGNATURE,
    key: legacyKey,
    toEvent: (parsed) => toEventFromLegacy(parsed, eventId),
  };
}
