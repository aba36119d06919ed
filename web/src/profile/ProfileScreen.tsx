import { useEffect } from 'react';
import { del, get } from '../api/client';
import { apiPath } from '../api/paths';
import { useMe } from '../app/me';
import { SessionList } from '../sessions/SessionList';
import { Load } from '../ui/States';

/** Who the person is to the server (GET /api/me), and where they are signed in (Devices). */
export function ProfileScreen() {
  const me = useMe();
  useEffect(() => {
    document.title = 'Profile – Conclave';
  }, []);

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">Profile</h1>
      <Load state={me} what="your profile">
        {(data) => (
          <dl className="facts">
            <dt>Name</dt>
            <dd>{data.displayName ?? '—'}</dd>
            <dt>Sign-in name</dt>
            <dd>{data.upn ?? '—'}</dd>
            <dt>Account kind</dt>
            <dd>{data.kind ?? '—'}</dd>
            <dt>Roles</dt>
            <dd>{(data.roles ?? []).length > 0 ? (data.roles ?? []).join(', ') : 'none'}</dd>
            <dt>Two-step sign-in</dt>
            <dd>{data.mfaEnabled ? 'on (authenticator app)' : 'off'}</dd>
          </dl>
        )}
      </Load>
      <section aria-labelledby="devices-title">
        <h2 id="devices-title">Devices</h2>
        <p className="muted">Where you are signed in. Revoke a session you do not recognise or no longer use: it must sign in again.</p>
        <SessionList
          idPrefix="my-sessions"
          owner="that session"
          load={() => get('/api/account/sessions')}
          revoke={(id) => del(apiPath('/api/account/sessions/{id}', { id }))}
          revokeOthers={() => del('/api/account/sessions')}
        />
      </section>
    </section>
  );
}
