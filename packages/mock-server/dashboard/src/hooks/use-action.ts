import { useState } from 'preact/hooks';
import { describeFailure, type Failure } from '../api/failure';
import { useApp } from '../context';

export interface Action {
  /** Runs `task`; on success announces `done(result)`, on failure shows the error next to the form. */
  run<T>(task: () => Promise<T>, done: (result: T) => string): Promise<T | undefined>;
  busy: boolean;
  failure: Failure | null;
}

/** One button's or form's call: busy while it runs, its error kept until the next try. */
export function useAction(): Action {
  const app = useApp();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  return {
    busy,
    failure,
    async run(task, done) {
      setBusy(true);
      setFailure(null);
      try {
        const result = await task();
        app.announce(done(result));
        return result;
      } catch (error) {
        if (!app.handleKeyLoss(error)) setFailure(describeFailure(error));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
  };
}
