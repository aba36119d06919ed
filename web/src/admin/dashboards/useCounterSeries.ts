import { useEffect, useState } from 'react';
import { ApiError, describeError } from '../../api/problem';
import { documentVisibility, startPolling } from './poller';
import { addSample, emptySeries, POLL_MS, type RateSeries } from './rates';

export interface CounterSeries<S> {
  /** The latest answer, for the tiles; null until the first. */
  latest: S | null;
  series: RateSeries;
  /** The last poll's failure as the server worded it; null once a poll succeeds again. */
  error: string | null;
  /** True when the server refused (403): asking again will not change its answer, so polling stopped. */
  refused: boolean;
}

/**
 * Polls `load` every POLL_MS while the tab is shown, from mount to unmount, and keeps the rates of the
 * counters `countersOf` reads from each answer. `load` and `countersOf` are read once, at mount.
 */
export function useCounterSeries<S>(load: () => Promise<S>, countersOf: (snapshot: S) => Record<string, number>): CounterSeries<S> {
  const [state, setState] = useState<CounterSeries<S>>({ latest: null, series: emptySeries, error: null, refused: false });

  useEffect(() => {
    let mounted = true;
    let stop = () => {};
    const poll = async () => {
      try {
        const snapshot = await load();
        // The time of the answer, not of the request: the counts were read (about) then.
        const at = Date.now();
        if (mounted) setState((s) => ({ latest: snapshot, series: addSample(s.series, { at, counters: countersOf(snapshot) }), error: null, refused: false }));
      } catch (error) {
        const refused = error instanceof ApiError && error.status === 403;
        if (refused) stop();
        if (mounted) setState((s) => ({ ...s, error: describeError(error), refused }));
      }
    };
    stop = startPolling(poll, POLL_MS, documentVisibility);
    return () => {
      mounted = false;
      stop();
    };
    // Once per mount: the endpoint and what is read from it do not change.
  }, []);

  return state;
}
