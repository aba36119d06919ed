import { useCallback, useState } from 'react';
import { describeError } from '../api/problem';

export interface Action {
  busy: boolean;
  /** The last failure as the server worded it (a problem's detail and code), else null. */
  error: string | null;
  /** Runs `work`; a failure becomes `error` and the answer is undefined. */
  run: <T>(work: () => Promise<T>) => Promise<T | undefined>;
}

/** The state of a button's request to the API: busy while it runs, the server's refusal when it fails. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (e) {
      setError(describeError(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
