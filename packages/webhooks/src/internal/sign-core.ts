import { toRawBody, type WebhookBody } from '../body.js';
import type { CryptoBackend } from '../crypto/backend.js';
import { usageError } from '../errors.js';
import type { WebhookScheme } from '../schemes/signed-delivery.js';
import { legacyKey, standardKey } from '../secret.js';
import { encodeHex } from './encoding.js';
import { type SecretOptions, secondsOf, secretsOf, syncUnavailable } from './options.js';

export type SignInput = {
  id: string;
  timestamp: number | Date | undefined;
  body: WebhookBody;
  scheme: WebhookScheme;
} & SecretOptions;

interface Plan {
  readonly id: string;
  readonly seconds: number;
  readonly scheme: WebhookScheme;
  readonly body: string | Uint8Array;
  readonly keys: readonly Uint8Array[];
  readonly prefix: string;
}

function plan(input: SignInput): Plan {
  const { id, scheme } = input;
  if (typeof id !== 'string' || id.length === 0) throw usageError('`id` must be a non-empty string');
  const seconds = secondsOf(input.timestamp);
  const body = toRawBody(input.body);
  const keys = secretsOf(input).map(scheme === 'legacy' ? legacyKey : standardKey);
  const prefix = scheme === 'legacy' ? `${seconds}.` : `${id}.${seconds}.`;
  return { id, seconds, scheme, body, keys, prefix };
}

/** The signature header value: `v1,<b64> v1,<b64>` or, legacy, `t=<s>,v1=<hex>,v1=<hex>`. */
function format(plan: Plan, macs: readonly string[]): string {
  if (plan.scheme === 'legacy') return [`t=${plan.seconds}`, ...macs.map((mac) => `v1=${mac}`)].join(',');
  return macs.map((mac) => `v1,${mac}`).join(' ');
}

export function signSync(
  backend: CryptoBackend,
  input: SignInput,
  name: string,
): { plan: Plan; header: string } {
  const { hmacSync } = backend;
  if (hmacSync === undefined) throw syncUnavailable(name);
  const p = plan(input);
  const encoding = p.scheme === 'legacy' ? 'hex' : 'base64';
  return {
    plan: p,
    header: format(
      p,
      p.keys.map((key) => hmacSync(key, p.prefix, p.body, encoding)),
    ),
  };
}

export async function sign(
  backend: CryptoBackend,
  input: SignInput,
): Promise<{ plan: Plan; header: string }> {
  const p = plan(input);
  const encoding = p.scheme === 'legacy' ? 'hex' : 'base64';
  const macs = await Promise.all(p.keys.map((key) => backend.hmac(key, p.prefix, p.body, encoding)));
  return { plan: p, header: format(p, macs) };
}

/** The full header set a sender would attach, lower-case names. */
export function headersFor({ plan: p, header }: { plan: Plan; header: string }): Record<string, string> {
  if (p.scheme === 'legacy') {
    return {
      'content-type': 'application/json',
      'x-opencom-event-id': p.id,
      'x-opencom-timestamp': String(p.seconds),
      'x-opencom-signature': header,
    };
  }
  return {
    'content-type': 'application/json',
    'webhook-id': p.id,
    'webhook-timestamp': String(p.seconds),
    'webhook-signature': header,
  };
}

/** The id of a test delivery: the event's own id when the body has one (webhook-id = event id). */
export function defaultId(body: WebhookBody): string {
  try {
    const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'id' in parsed && typeof parsed.id === 'string') {
      return parsed.id;
    }
  } catch {
    // Not JSON: fall through to a random id.
  }
  return `evt_test_${encodeHex(crypto.getRandomValues(new Uint8Array(12)))}`;
}
