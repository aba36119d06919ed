import { useEffect, useState } from 'react';
import { get } from '../api/client';
import { describeError } from '../api/problem';
import { ErrorNote, Load } from '../ui/States';
import { useApi } from '../ui/useApi';
import { type CallHistoryEntry, historyMode, historyOutcome, historyTitle } from './history';

const PAGE = 20;

interface Older {
  calls: CallHistoryEntry[];
  next: string | null;
  loading: boolean;
  error: string | null;
}

/** The person's recent calls, newest first, with missed calls marked (and a filter for them), a page at a time. */
export function CallHistory({ refresh }: { refresh: number }) {
  const [missedOnly, setMissedOnly] = useState(false);
  const key = `${missedOnly}-${refresh}`;
  const history = useApi(() => get('/api/me/calls', { take: PAGE, missed: missedOnly || undefined }), key);
  const [older, setOlder] = useState<Older | null>(null);
  useEffect(() => setOlder(null), [key]);

  const loadOlder = (before: string) => {
    setOlder((o) => ({ calls: o?.calls ?? [], next: before, loading: true, error: null }));
    get('/api/me/calls', { take: PAGE, missed: missedOnly || undefined, before }).then(
      (page) => setOlder((o) => ({ calls: [...(o?.calls ?? []), ...page.calls], next: page.nextBefore ?? null, loading: false, error: null })),
      (e: unknown) => setOlder((o) => ({ calls: o?.calls ?? [], next: before, loading: false, error: describeError(e) })),
    );
  };

  return (
    <section aria-labelledby="history-title" className="history">
      <h2 id="history-title">Recent calls</h2>
      <label>
        <input type="checkbox" checked={missedOnly} onChange={(e) => setMissedOnly(e.target.checked)} /> Missed calls only
      </label>
      <Load state={history} what="your calls">
        {(page) => {
          const calls = [...page.calls, ...(older?.calls ?? [])];
          const next = older ? older.next : (page.nextBefore ?? null);
          return (
            <>
              {calls.length === 0 ? (
                <p className="muted">{missedOnly ? 'No missed calls.' : 'No calls yet.'}</p>
              ) : (
                <ul className="calls">
                  {calls.map((call) => (
                    <li key={call.callId} className={call.missed ? 'missed' : undefined}>
                      <strong>{historyTitle(call)}</strong>
                      <span className="muted">
                        {' '}
                        · <time dateTime={call.placedAt}>{new Date(call.placedAt).toLocaleString()}</time> · {historyOutcome(call)} ·{' '}
                        {historyMode(call.mode)}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              {older?.error && <ErrorNote message={older.error} />}
              {next && (
                <button type="button" onClick={() => loadOlder(next)} disabled={older?.loading === true}>
                  {older?.loading ? 'Loading older calls…' : 'Show older calls'}
                </button>
              )}
            </>
          );
        }}
      </Load>
    </section>
  );
}
