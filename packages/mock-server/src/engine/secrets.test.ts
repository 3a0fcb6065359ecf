import { describe, expect, it } from 'vitest';
import { SecretBox } from './secrets';

describe('SecretBox', () => {
  it('round-trips a secret and never stores it in the clear', () => {
    const box = new SecretBox();
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const sealed = box.seal(secret);
    expect(sealed).not.toContain('MfKQ9r8');
    expect(box.seal(secret)).not.toBe(sealed);
    expect(box.open(sealed)).toBe(secret);
  });

  it('refuses a tampered value and a different key', () => {
    const box = new SecretBox();
    const sealed = box.seal('whsec_abc');
    const tampered = `${sealed.slice(0, -4)}AAA=`;
    expect(() => box.open(tampered)).toThrow();
    expect(() => new SecretBox().open(sealed)).toThrow();
  });
});
