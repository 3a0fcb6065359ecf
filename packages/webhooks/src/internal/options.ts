import { usageError } from '../errors.js';

/** Either one secret, or several during a rotation (any of them may have signed). */
export type SecretOptions =
  | { secret: string; secrets?: never }
  | { secrets: readonly string[]; secret?: never };

export function secretsOf(options: { secret?: string; secrets?: readonly string[] }): readonly string[] {
  const { secret, secrets } = options;
  if (secret !== undefined && secrets !== undefined)
    throw usageError('pass either `secret` or `secrets`, not both');
  const list = secrets ?? (secret === undefined ? [] : [secret]);
  if (!Array.isArray(list) || list.length === 0)
    throw usageError('`secret` or a non-empty `secrets` list is required');
  for (const value of list) {
    if (typeof value !== 'string' || value.length === 0)
      throw usageError('every secret must be a non-empty string');
  }
  return list;
}

/** `now` as epoch milliseconds; a number that looks like seconds is refused (a classic unit bug). */
export function nowOf(now: Date | number | undefined): number {
  if (now === undefined) return Date.now();
  const ms = now instanceof Date ? now.getTime() : now;
  if (typeof ms !== 'number' || !Number.isFinite(ms))
    throw usageError('`now` must be a Date or epoch milliseconds');
  if (typeof now === 'number' && ms < 1e11) {
    throw usageError('`now` looks like seconds; pass epoch milliseconds (Date.now()) or a Date');
  }
  return ms;
}

export function toleranceOf(toleranceSeconds: number | undefined): number {
  if (toleranceSeconds === undefined) return 300;
  if (typeof toleranceSeconds !== 'number' || Number.isNaN(toleranceSeconds) || toleranceSeconds < 0) {
    throw usageError('`toleranceSeconds` must be a number >= 0 (Infinity disables the check)');
  }
  return toleranceSeconds;
}

/** A signing timestamp in seconds; a number that looks like milliseconds is refused. */
export function secondsOf(timestamp: Date | number | undefined): number {
  if (timestamp === undefined) return Math.floor(Date.now() / 1000);
  if (timestamp instanceof Date) return Math.floor(timestamp.getTime() / 1000);
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw usageError('`timestamp` must be a Date or integer epoch seconds');
  }
  if (timestamp >= 1e11)
    throw usageError('`timestamp` looks like milliseconds; pass epoch seconds or a Date');
  return timestamp;
}

export function syncUnavailable(name: string): TypeError {
  return usageError(
    `${name} needs node:crypto, but this is the Web Crypto build of the package (chosen for runtimes ` +
      `without node:crypto). Use the async form instead: await ${name.replace(/Sync$/, '')}(...)`,
  );
}
