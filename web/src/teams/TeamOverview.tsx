// A team's page: what it is, its channels, and its members with their roles. Owners add and remove people, change
// roles, and archive the team; whoever may create channels (canCreateChannel) gets "New channel". Anyone may leave.
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { del, patch, post, put } from '../api/client';
import { apiPath } from '../api/paths';
import { useAction } from '../admin/useAction';
import { memberName } from '../chat/chatList';
import { NewChannel } from './NewChannel';
import { TEAM_ROLES, type TeamView, canCreateChannel, isOwner, visibleChannels } from './teams';

export interface TeamOverviewProps {
  team: TeamView;
  myUpn: string;
  /** A change the server answered with the whole team. */
  onChanged: (team: TeamView) => void;
  /** Loads the teams again (after a channel was added, or the person left). */
  reload: () => Promise<void>;
}

export function TeamOverview({ team, myUpn, onChanged, reload }: TeamOverviewProps) {
  const navigate = useNavigate();
  const action = useAction();
  const [upn, setUpn] = useState('');
  const [role, setRole] = useState<string>('Member');
  const owner = isOwner(team);
  const teamId = team.teamId;

  const change = async (work: () => Promise<TeamView>) => {
    const changed = await action.run(work);
    if (changed) onChanged(changed);
    return changed;
  };

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!upn.trim()) return;
    if (await change(() => post<TeamView>(apiPath('/api/teams/{teamId}/members', { teamId }), { user: upn.trim(), role }))) setUpn('');
  };

  const leave = async () => {
    const done = await action.run(() => del<TeamView>(apiPath('/api/teams/{teamId}/members/{user}', { teamId, user: myUpn })));
    if (done !== undefined) {
      await reload();
      void navigate('/teams');
    }
  };

  return (
    <section className="team-overview" aria-labelledby="team-title">
      <header>
        <h2 id="team-title">{team.name}</h2>
        <p className="muted">
          {team.visibility} team · you are {team.myRole === 'Owner' ? 'an owner' : team.myRole === 'Guest' ? 'a guest' : 'a member'}
          {team.archived && ' · archived: read only'}
        </p>
        {team.description && <p>{team.description}</p>}
      </header>

      <h3>Channels</h3>
      <ul className="plain">
        {visibleChannels(team).map((c) => (
          <li key={c.channelId}>
            <Link to={`/teams/${encodeURIComponent(teamId)}/${encodeURIComponent(c.channelId)}`}># {c.name}</Link>
            {c.kind === 'Private' && <span className="muted"> · private, {c.members.length} members</span>}
            {c.description && <span className="muted"> · {c.description}</span>}
          </li>
        ))}
      </ul>
      {canCreateChannel(team) && (
        <NewChannel
          team={team}
          onCreated={(channel) => {
            void reload().then(() => navigate(`/teams/${encodeURIComponent(teamId)}/${encodeURIComponent(channel.channelId)}`));
          }}
        />
      )}

      <h3>Members ({team.members.length})</h3>
      <table className="members-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            {owner && !team.archived && <th scope="col">Change</th>}
          </tr>
        </thead>
        <tbody>
          {team.members.map((m) => (
            <tr key={m.userId}>
              <td>
                {memberName(m)}
                {m.displayName && <span className="muted"> · {m.upn}</span>}
              </td>
              <td>{m.role}</td>
              {owner && !team.archived && (
                <td className="row-actions">
                  <label className="visually-hidden" htmlFor={`role-${m.userId}`}>
                    Role of {memberName(m)}
                  </label>
                  <select
                    id={`role-${m.userId}`}
                    value={m.role}
                    disabled={action.busy}
                    onChange={(e) =>
                      void change(() => put<TeamView>(apiPath('/api/teams/{teamId}/members/{user}/role', { teamId, user: m.upn }), { role: e.target.value }))
                    }
                  >
                    {TEAM_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    className="danger"
                    disabled={action.busy}
                    onClick={() => void change(() => del<TeamView>(apiPath('/api/teams/{teamId}/members/{user}', { teamId, user: m.upn })))}
                  >
                    Remove<span className="visually-hidden"> {memberName(m)}</span>
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>

      {owner && !team.archived && (
        <form className="inline-form" onSubmit={(e) => void add(e)} aria-label="Add a member">
          <label htmlFor="team-add-member">Add someone (UPN)</label>
          <input id="team-add-member" value={upn} onChange={(e) => setUpn(e.target.value)} autoComplete="off" />
          <label htmlFor="team-add-role">as</label>
          <select id="team-add-role" value={role} onChange={(e) => setRole(e.target.value)}>
            {TEAM_ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <button type="submit" disabled={action.busy}>
            Add
          </button>
        </form>
      )}

      <div className="actions">
        {owner && (
          <button
            type="button"
            disabled={action.busy}
            onClick={() => void change(() => post<TeamView>(apiPath(team.archived ? '/api/teams/{teamId}/unarchive' : '/api/teams/{teamId}/archive', { teamId }), {}))}
          >
            {team.archived ? 'Restore the team' : 'Archive the team'}
          </button>
        )}
        {owner && !team.archived && (
          <button
            type="button"
            disabled={action.busy}
            onClick={() =>
              void change(() => patch<TeamView>(apiPath('/api/teams/{teamId}', { teamId }), { membersCanCreateChannels: !team.membersCanCreateChannels }))
            }
          >
            {team.membersCanCreateChannels ? 'Only owners create channels' : 'Let members create channels'}
          </button>
        )}
        <button type="button" className="danger" disabled={action.busy} onClick={() => void leave()}>
          Leave the team
        </button>
      </div>
      {action.error && (
        <p className="error-text" role="alert">
          {action.error}
        </p>
      )}
    </section>
  );
}
