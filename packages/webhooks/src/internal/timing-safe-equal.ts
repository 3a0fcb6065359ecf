/**
 * Compares two strings in time that depends only on their length. Both sides are encoded signatures
 * whose length is fixed by the scheme (44 base64 or 64 hex characters), so the early length check
 * reveals nothing secret. A plain XOR loop works on every runtime (Web Crypto has no
 * `timingSafeEqual`) and avoids the two Buffer allocations that node:crypto's version would need.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
