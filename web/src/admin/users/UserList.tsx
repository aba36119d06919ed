import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { get } from '../../api/client';
import { Load } from '../../ui/States';
import { useApi } from '../../ui/useApi';

/** Every user (GET /api/admin/users), or those whose sign-in name contains the search. */
export function UserList() {
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  const users = useApi(() => get('/api/admin/users', { upn: search || undefined }), `users-${search}`);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch(draft.trim());
  };

  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <div className="toolbar">
        <form role="search" onSubmit={submit} className="inline-form">
          <label htmlFor="user-search">Search by sign-in name</label>
          <input id="user-search" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit">Search</button>
        </form>
        <Link id="new-user" className="button primary" to="/admin/users/new">
          New user
        </Link>
      </div>
      <Load state={users} what="users">
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{search ? `No user's sign-in name contains “${search}”.` : 'No users yet.'}</p>
          ) : (
            <div className="table-wrap">
              <table id="user-table">
                <caption className="visually-hidden">Users{search ? ` whose sign-in name contains ${search}` : ''}</caption>
                <thead>
                  <tr>
                    <th scope="col">Sign-in name</th>
                    <th scope="col">Name</th>
                    <th scope="col">Kind</th>
                    <th scope="col">State</th>
                    <th scope="col">Roles</th>
                    <th scope="col">Two-step sign-in</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((user) => (
                    <tr key={user.id}>
                      <td>
                        <Link to={`/admin/users/${encodeURIComponent(user.id)}`}>{user.upn}</Link>
                      </td>
                      <td>{user.displayName}</td>
                      <td>{user.kind}</td>
                      <td>{user.enabled ? 'Enabled' : 'Disabled'}</td>
                      <td>{user.roles.length > 0 ? user.roles.join(', ') : '—'}</td>
                      <td>{user.mfaEnabled ? 'On' : 'Off'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Load>
    </section>
  );
}
