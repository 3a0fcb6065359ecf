import type { CryptoBackend } from '../src/crypto/backend.js';
import { nodeCrypto } from '../src/crypto/node.js';
import { webCrypto } from '../src/crypto/web.js';
import type { OpencomEvent } from '../src/events.js';
import { type SignInput, sign, signSync } from '../src/internal/sign-core.js';
import {
  authenticate,
  authenticateSync,
  verifyDelivery,
  verifyDeliverySync,
} from '../src/internal/verify-core.js';
import type { VerifyWebhookOptions } from '../src/verify.js';
import type { WebhookDelivery } from '../src/verify-signature.js';

/**
 * One way of running the package: a crypto backend, called through its sync or async entry points.
 * The verify suite runs its whole table once per kit, so the Node and Web Crypto paths must agree.
 * Every kit is async so that one assertion style (`await expect(...).rejects`) fits all of them.
 */
export interface Kit {
  readonly name: string;
  verify(options: VerifyWebhookOptions): Promise<OpencomEvent>;
  verifySignature(options: VerifyWebhookOptions): Promise<WebhookDelivery>;
  sign(input: SignInput): Promise<string>;
}

const delivery = ({ delivery: d }: { delivery: WebhookDelivery }): WebhookDelivery => ({
  webhookId: d.webhookId,
  timestamp: d.timestamp,
  scheme: d.scheme,
});

function syncKit(backend: CryptoBackend): Kit {
  return {
    name: `${backend.name} backend, sync API`,
    verify: async (options) => verifyDeliverySync(backend, options, 'verifyWebhookSync').event,
    verifySignature: async (options) =>
      delivery({ delivery: authenticateSync(backend, options, 'test').delivery }),
    sign: async (input) => signSync(backend, input, 'signWebhookSync').header,
  };
}

function asyncKit(backend: CryptoBackend): Kit {
  return {
    name: `${backend.name} backend, async API`,
    verify: async (options) => (await verifyDelivery(backend, options)).event,
    verifySignature: async (options) => delivery(await authenticate(backend, options)),
    sign: async (input) => (await sign(backend, input)).header,
  };
}

export const kits: readonly Kit[] = [syncKit(nodeCrypto), asyncKit(nodeCrypto), asyncKit(webCrypto)];
