// Runtime-neutral encoders: `atob`/`btoa` and `TextEncoder` exist on Node >= 16, Deno, Bun, browsers
// and edge runtimes, so nothing here needs `Buffer`.

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const utf8Encoder = new TextEncoder();
export const utf8Decoder = new TextDecoder();

/** Decodes standard base64 (padding optional); `undefined` for anything else. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!BASE64.test(text) || text.replace(/=+$/, '').length % 4 === 1) return undefined;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Encodes bytes as standard base64 with padding. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Encodes bytes as lower-case hex. */
export function encodeHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += HEX[byte];
  return hex;
}
