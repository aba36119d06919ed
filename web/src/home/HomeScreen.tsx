import { useEffect } from 'react';
import { Link } from 'react-router';
import { get } from '../api/client';
import { useMe } from '../app/me';
import { historyTitle, missedCallsQuery } from '../calls/history';
import { Load } from '../ui/States';
import { useApi } from '../ui/useApi';

/** Where a signed-in person lands: a greeting, missed calls, and the way to the main screens. */
export function HomeScreen() {
  const me = useMe();
  const missed = useApi(() => get('/api/me/calls', missedCallsQuery), 'missed');
  useEffect(() => {
    document.title = 'Home – Conclave';
  }, []);
  const name = me.status === 'ready' ? (me.data.displayName ?? me.data.upn) : null;

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">{name ? `Welcome, ${name}` : 'Welcome'}</h1>
      <section aria-labelledby="missed-title" className="card">
        <h2 id="missed-title">Missed calls</h2>
        <Load state={missed} what="missed calls">
          {(page) =>
            page.calls.length === 0 ? (
              <p className="muted">No missed calls.</p>
            ) : (
              <ul className="calls">
                {page.calls.map((call) => (
                  <li key={call.callId} className="missed">
                    {historyTitle(call)} · <time dateTime={call.placedAt}>{new Date(call.placedAt).toLocaleString()}</time>
                  </li>
                ))}
              </ul>
            )
          }
        </Load>
      </section>
      <ul className="links">
        <li>
          <Link to="/calls">Place or answer a call</Link>
        </li>
        <li>
          <Link to="/settings">Your settings</Link>
        </li>
        <li>
          <Link to="/profile">Your profile</Link>
        </li>
      </ul>
    </section>
  );
}
