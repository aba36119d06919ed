import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type Schemas, del, get, post } from '../../api/client';
import { apiPath } from '../../api/paths';
import { ErrorNote, Load } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { useAction } from '../useAction';
import { memberError } from './groupForm';

type GroupView = Schemas['GroupView'];

/** One group and its members: add one (POST …/members), remove one (DELETE …/members/{user}). */
export function GroupDetail() {
  const { idOrName = '' } = useParams();
  const group = useApi(() => get(apiPath('/api/admin/groups/{idOrName}', { idOrName })), `group-${idOrName}`);
  return (
    <section aria-labelledby="group-title">
      <p>
        <Link to="/admin/groups">← All groups</Link>
      </p>
      <Load state={group} what="the group">
        {(data) => <GroupPanel key={data.id} loaded={data} />}
      </Load>
    </section>
  );
}

function GroupPanel({ loaded }: { loaded: GroupView }) {
  const [group, setGroup] = useState(loaded);
  const [member, setMember] = useState('');
  const [tried, setTried] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const action = useAction();
  const error = tried ? memberError(member) : null;
  const path = { idOrName: group.id };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setStatus(null);
    if (memberError(member)) return;
    const upn = member.trim();
    const answer = await action.run(() => post<GroupView>(apiPath('/api/admin/groups/{idOrName}/members', path), { user: upn }));
    if (!answer) return;
    setGroup(answer);
    setMember('');
    setTried(false);
    setStatus(`Added ${upn}.`);
  };

  const remove = async (upn: string) => {
    setStatus(null);
    const done = await action.run(async () => {
      await del(apiPath('/api/admin/groups/{idOrName}/members/{user}', { ...path, user: upn }));
      return get(apiPath('/api/admin/groups/{idOrName}', path));
    });
    if (!done) return;
    setGroup(done);
    setStatus(`Removed ${upn}.`);
  };

  return (
    <>
      <h2 id="group-title">{group.name}</h2>
      <p className="muted">Mail nickname: {group.mailNickname}</p>
      {status && (
        <p id="group-status" className="notice" role="status">
          {status}
        </p>
      )}
      {action.error && <ErrorNote message={action.error} />}
      <h3 id="members-title">Members</h3>
      {group.members.length === 0 ? (
        <p className="muted">No members yet.</p>
      ) : (
        <ul id="group-members" className="members" aria-labelledby="members-title">
          {group.members.map((upn) => (
            <li key={upn}>
              <span>{upn}</span>{' '}
              <button type="button" onClick={() => void remove(upn)} disabled={action.busy} aria-label={`Remove ${upn} from ${group.name}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={(e) => void add(e)} noValidate>
        <label htmlFor="add-member">Add a member (sign-in name)</label>
        <input
          id="add-member"
          type="email"
          autoComplete="off"
          value={member}
          onChange={(e) => setMember(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'add-member-error' : undefined}
        />
        <button id="add-member-button" type="submit" className="primary" disabled={action.busy}>
          Add
        </button>
        {error && (
          <span id="add-member-error" className="error-text">
            {error}
          </span>
        )}
      </form>
    </>
  );
}
