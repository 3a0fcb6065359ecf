import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encrypts webhook signing secrets at rest with AES-256-GCM, as the seed system does: a 12-byte random
 * IV per value, stored as `base64(iv).base64(ciphertext + tag)`. The key comes from the server's
 * options (so a `--data` directory can be reopened) or is generated per instance.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key?: Uint8Array) {
    if (key !== undefined && key.byteLength !== 32) {
      throw new RangeError('@opencom/mock-server: the secret encryption key must be 32 bytes');
    }
    this.#key = Buffer.from(key ?? randomBytes(32));
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${iv.toString('base64')}.${sealed.toString('base64')}`;
  }

  open(stored: string): string {
    const [ivPart = '', sealedPart = ''] = stored.split('.');
    const iv = Buffer.from(ivPart, 'base64');
    const sealed = Buffer.from(sealedPart, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, iv);
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return Buffer.concat([
      decipher.update(sealed.subarray(0, sealed.length - 16)),
      decipher.final(),
    ]).toString('utf8');
  }
}
