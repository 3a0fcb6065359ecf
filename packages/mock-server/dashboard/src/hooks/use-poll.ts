import { useEffect, useState } from 'preact/hooks';
import { describeFailure, type Failure } from '../api/failure';
import { useApp } from '../context';

export interface Polled<T> {
  data: T | undefined;
  failure: Failure | null;
  loading: boolean;
  /** Loads again now (after a change made on the page). */
  refresh(): void;
}

/**
 * Loads `load()` when `deps` change, on `refresh()`, and (unless `auto` is false) every auto-refresh
 * interval while the tab is visible, so a hidden dashboard does not spend the workspace's rate limit.
 */
export function usePoll<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
  { auto = true }: { auto?: boolean } = {},
): Polled<T> {
  const app = useApp();
  const [data, setData] = useState<T | undefined>(undefined);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);

  // `load` is a new function every render: `deps` name what it reads.
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    load(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setFailure(null);
        setLoading(false);
      },
      (error: unknown) => {
        if (controller.signal.aborted || app.handleKeyLoss(error)) return;
        setFailure(describeFailure(error));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [tick, ...deps]);

  useEffect(() => {
    if (!auto || app.refreshMs === 0) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') setTick((n) => n + 1);
    }, app.refreshMs);
    return () => clearInterval(timer);
  }, [auto, app.refreshMs]);

  return { data, failure, loading, refresh: () => setTick((n) => n + 1) };
}
