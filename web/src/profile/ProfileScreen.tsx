import { useEffect } from 'react';
import { useMe } from '../app/me';
import { Load } from '../ui/States';

/** Who the person is to the server (GET /api/me). */
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
    </section>
  );
}
