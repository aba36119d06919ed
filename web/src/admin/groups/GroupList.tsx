import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { type Schemas, get, post } from '../../api/client';
import { ErrorNote, Load } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { useAction } from '../useAction';
import { groupNameError, mailNicknameError } from './groupForm';

type GroupView = Schemas['GroupView'];

/** Every group (GET /api/admin/groups) and a form for a new one (POST /api/admin/groups). */
export function GroupList() {
  const groups = useApi(() => get('/api/admin/groups'), 'groups');
  const [name, setName] = useState('');
  const [nickname, setNickname] = useState('');
  const [tried, setTried] = useState(false);
  const [created, setCreated] = useState<GroupView | null>(null);
  const action = useAction();
  const nameError = tried ? groupNameError(name) : null;
  const nicknameError = tried ? mailNicknameError(nickname) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (groupNameError(name) || mailNicknameError(nickname)) return;
    const answer = await action.run(() => post<GroupView>('/api/admin/groups', { name: name.trim(), mailNickname: nickname.trim() || null }));
    if (!answer) return;
    setCreated(answer);
    setName('');
    setNickname('');
    setTried(false);
    groups.reload();
  };

  return (
    <section aria-labelledby="groups-title">
      <h2 id="groups-title">Groups</h2>
      <Load state={groups} what="groups">
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No groups yet.</p>
          ) : (
            <div className="table-wrap">
              <table id="group-table">
                <caption className="visually-hidden">Groups</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Mail nickname</th>
                    <th scope="col">Members</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((group) => (
                    <tr key={group.id}>
                      <td>
                        <Link to={`/admin/groups/${encodeURIComponent(group.id)}`}>{group.name}</Link>
                      </td>
                      <td>{group.mailNickname}</td>
                      <td>{group.members.length}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Load>
      <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-group-title">
        <h3 id="new-group-title">New group</h3>
        {created && (
          <p id="created-group" className="notice" role="status">
            Created <Link to={`/admin/groups/${encodeURIComponent(created.id)}`}>{created.name}</Link>.
          </p>
        )}
        <div className="field">
          <label htmlFor="new-group-name">Name</label>
          <input
            id="new-group-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? 'new-group-name-error' : undefined}
          />
          {nameError && (
            <span id="new-group-name-error" className="error-text">
              {nameError}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor="new-group-nickname">Mail nickname (optional)</label>
          <input
            id="new-group-nickname"
            value={nickname}
            onChange={(e) => setNickname(e.target.value)}
            aria-invalid={nicknameError ? true : undefined}
            aria-describedby={nicknameError ? 'new-group-nickname-error' : undefined}
          />
          {nicknameError && (
            <span id="new-group-nickname-error" className="error-text">
              {nicknameError}
            </span>
          )}
        </div>
        {action.error && <ErrorNote message={action.error} />}
        <p>
          <button id="create-group" type="submit" className="primary" disabled={action.busy}>
            Create group
          </button>
        </p>
      </form>
    </section>
  );
}
