import { useEffect, useState } from 'preact/hooks';

/** Re-renders every `ms` (for countdowns); returns the local time of the last tick. */
export function useTicker(ms = 1_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
