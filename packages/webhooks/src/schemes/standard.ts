import { WebhookVerificationError } from '../errors.js';
import { readListHeader, readSingleHeader, type WebhookHeaders } from '../headers.js';
import { toEvent } from '../internal/envelope.js';
import { standardKey } from '../secret.js';
import { missingHeaders, parseTimestamp, type SignedDelivery } from './signed-delivery.js';

const ID = 'webhook-id';
const TIMESTAMP = 'webhook-timestamp';
const SIGNATURE = 'webhook-signature';

/**
 * Reads a Standard Webhooks delivery (`webhook-id`, `webhook-timestamp`, `webhook-signature`), or
 * returns `undefined` when none of those headers is present.
 *
 * @see https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 */
export function readStandardDelivery(headers: WebhookHeaders): SignedDelivery | undefined {
  const id = readSingleHeader(headers, ID);
  const timestamp = readSingleHeader(headers, TIMESTAMP);
  const signature = readListHeader(headers, SIGNATURE);
  if (id === undefined && timestamp === undefined && signature === undefined) return undefined;

  if (id === null || timestamp === null) {
    throw new WebhookVerificationError(
      'malformed',
      `${id === null ? ID : TIMESTAMP} has several different values`,
    );
  }
  if (!id || !timestamp || !signature) {
    throw missingHeaders(
      [!id && ID, !timestamp && TIMESTAMP, !signature && SIGNATURE].filter((name) => name !== false),
    );
  }

  const seconds = parseTimestamp(timestamp, TIMESTAMP);
  return {
    scheme: 'standard',
    webhookId: id,
    timestamp: seconds,
    signedPrefix: `${id}.${timestamp}.`,
    encoding: 'base64',
    signatures: parseSignatures(signature),
    signatureHeader: SIGNATURE,
    key: standardKey,
    toEvent,
  };
}

/**
 * `v1,<base64> v1,<base64> v1a,<base64>`: keeps the `v1` values. Unknown versions are skipped, as the
 * spec asks. A trailing comma is tolerated because Node joins repeated headers with ", ".
 */
function parseSignatures(header: string): string[] {
  const signatures: string[] = [];
  for (const token of header.split(' ')) {
    if (!token.startsWith('v1,')) continue;
    signatures.push(token.endsWith(',') ? token.slice(3, -1) : token.slice(3));
  }
  return signatures;
}
