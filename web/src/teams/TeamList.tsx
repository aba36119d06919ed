// The person's teams, each with the channels they can open; "New team" above.
import { NavLink } from 'react-router';
import { ErrorNote, Loading } from '../ui/States';
import { NewTeam } from './NewTeam';
import { type TeamView, visibleChannels } from './teams';
import type { TeamsState } from './useTeams';

const teamLink = (team: TeamView) => `/teams/${encodeURIComponent(team.teamId)}`;

export function TeamList({ teams }: { teams: TeamsState }) {
  return (
    <nav className="chat-list team-list" aria-labelledby="teams-title">
      <h2 id="teams-title">Your teams</h2>
      <NewTeam onCreated={teams.put} />
      {teams.error && <ErrorNote message={teams.error} onRetry={() => void teams.reload()} />}
      {teams.teams === null ? (
        !teams.error && <Loading what="your teams" />
      ) : teams.teams.length === 0 ? (
        <p className="muted">You are not in a team yet. Create one, or ask a team owner to add you.</p>
      ) : (
        <ul id="team-list">
          {teams.teams.map((team) => (
            <li key={team.teamId}>
              <NavLink end to={teamLink(team)} className="team-name" data-team-id={team.teamId}>
                {team.name}
                {team.archived && <span className="muted"> · archived</span>}
              </NavLink>
              <ul aria-label={`Channels of ${team.name}`}>
                {visibleChannels(team).map((channel) => (
                  <li key={channel.channelId}>
                    <NavLink to={`${teamLink(team)}/${encodeURIComponent(channel.channelId)}`} data-channel-id={channel.channelId}>
                      <span aria-hidden="true"># </span>
                      {channel.name}
                      {channel.kind === 'Private' && <span className="muted"> · private</span>}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
