import type { Clock } from '../core/clock';

/**
 * Waits `ms` on `clock`. When `signal` aborts first, cancels the timer and rejects with its reason.
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal === undefined) {
      clock.setTimer(ms, resolve);
      return;
    }
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    let cancel = (): void => undefined;
    const onAbort = () => {
      cancel();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    cancel = clock.setTimer(ms, () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
    // A clock may run code that aborts the signal while the timer is being set.
    if (signal.aborted) cancel();
  });
}
