import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from './errors.js';

describe('WebhookVerificationError', () => {
  it('carries a reason and a package-prefixed message', () => {
    const error = new WebhookVerificationError('bad_signature', 'no match');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('WebhookVerificationError');
    expect(error.reason).toBe('bad_signature');
    expect(error.message).toBe('@opencom/webhooks: no match');
  });

  it('is recognised by instanceof across copies of the package (ESM and CJS builds)', () => {
    const fromOtherCopy = Object.defineProperty(
      new Error('x'),
      Symbol.for('@opencom/webhooks.WebhookVerificationError'),
      {
        value: true,
      },
    );
    expect(fromOtherCopy instanceof WebhookVerificationError).toBe(true);
    expect(new Error('x') instanceof WebhookVerificationError).toBe(false);
    expect(WebhookVerificationError[Symbol.hasInstance](null)).toBe(false);
  });
});
