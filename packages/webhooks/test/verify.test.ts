import { describe, expect, it } from 'vitest';
import { webCrypto } from '../src/crypto/web.js';
import { signSync } from '../src/internal/sign-core.js';
import { verifyDeliverySync } from '../src/internal/verify-core.js';
import { kits } from './kits.js';
import { describeVerifier } from './verify-suite.js';

for (const kit of kits) describeVerifier(kit);

describe('the Web Crypto backend has no synchronous form', () => {
  it('verifyWebhookSync throws a TypeError that points to await verifyWebhook(...)', () => {
    const options = { body: '{}', headers: {}, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' };
    expect(() => verifyDeliverySync(webCrypto, options, 'verifyWebhookSync')).toThrow(
      /verifyWebhookSync needs node:crypto.*await verifyWebhook\(\.\.\.\)/,
    );
    expect(() =>
      signSync(webCrypto, { ...options, id: 'evt_1', timestamp: 1, scheme: 'standard' }, 'signWebhookSync'),
    ).toThrow(/await signWebhook\(/);
  });
});
