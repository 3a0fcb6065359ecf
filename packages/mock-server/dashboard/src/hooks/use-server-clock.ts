import { useCallback, useEffect, useState } from 'preact/hooks';
import { control } from '../api/control';

/**
 * The server's clock, which may run ahead of this machine's (`POST /__control/clock/advance`) or stand
 * still (a test's manual clock): read now and then from the control API (not rate limited), and
 * carried forward with the local clock in between.
 */
export function useServerClock(intervalMs = 5_000): () => number {
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    let stopped = false;
    const read = async () => {
      const sent = Date.now();
      const { data } = await control.GET('/__control/clock').catch(() => ({ data: undefined }));
      if (!stopped && data) setOffset(data.now - Math.round((sent + Date.now()) / 2));
    };
    void read();
    const timer = setInterval(read, intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [intervalMs]);
  return useCallback(() => Date.now() + offset, [offset]);
}
