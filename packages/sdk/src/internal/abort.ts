const noop = (): void => undefined;

/**
 * Calls `onAbort` (once) when `signal` aborts, at once if it already has. Returns the function that
 * removes the listener, so a long-lived signal does not collect one from every request made under it.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  if (signal.aborted) {
    callback();
    return noop;
  }
  signal.addEventListener('abort', callback, { once: true });
  return () => signal.removeEventListener('abort', callback);
}
