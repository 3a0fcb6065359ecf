const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * Readable prefixed IDs (`conv_4k2m9x1q7b3z`). A seeded generator keeps IDs identical across runs of
 * the same test, so failures reproduce; the HTTP server seeds it from the time it starts.
 */
export class IdGenerator {
  #state: number;

  constructor(seed = 0x5eed) {
    this.#state = seed >>> 0 || 1;
  }

  /** mulberry32: small, fast and good enough for identifiers that only need to be unique. */
  #next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  next(prefix: string, length = 12): string {
    let id = `${prefix}_`;
    for (let i = 0; i < length; i++) id += ALPHABET[Math.floor(this.#next() * ALPHABET.length)];
    return id;
  }
}
