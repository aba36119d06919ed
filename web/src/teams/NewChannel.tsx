// "New channel" in a team: a standard channel (every member of the team) or a private one (its own members: the
// creator, who owns it, and the team members named here).
import { type FormEvent, useState } from 'react';
import { post } from '../api/client';
import { apiPath } from '../api/paths';
import { useAction } from '../admin/useAction';
import { upnsIn } from '../chat/chatList';
import type { ChannelView, TeamView } from './teams';

export function NewChannel({ team, onCreated }: { team: TeamView; onCreated: (channel: ChannelView) => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [kind, setKind] = useState<'Standard' | 'Private'>('Standard');
  const [members, setMembers] = useState('');
  const action = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const channel = await action.run(() =>
      post<ChannelView>(apiPath('/api/teams/{teamId}/channels', { teamId: team.teamId }), {
        name: name.trim(),
        description: description.trim() || null,
        kind,
        members: kind === 'Private' ? upnsIn(members) : null,
      }),
    );
    if (!channel) return;
    setName('');
    setDescription('');
    setMembers('');
    onCreated(channel);
  };

  return (
    <details className="new-channel">
      <summary>New channel</summary>
      <form onSubmit={(e) => void submit(e)} aria-label="New channel">
        <div className="field">
          <label htmlFor="new-channel-name">Channel name</label>
          <input id="new-channel-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={50} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="new-channel-description">Description (optional)</label>
          <input id="new-channel-description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={1024} />
        </div>
        <fieldset>
          <legend>Who can see it</legend>
          <label className="choice">
            <input type="radio" name="new-channel-kind" value="Standard" checked={kind === 'Standard'} onChange={() => setKind('Standard')} /> Standard: everyone in the
            team
          </label>
          <label className="choice">
            <input type="radio" name="new-channel-kind" value="Private" checked={kind === 'Private'} onChange={() => setKind('Private')} /> Private: only the people
            you name
          </label>
        </fieldset>
        {kind === 'Private' && (
          <div className="field">
            <label htmlFor="new-channel-members">Members (UPNs of team members, separated by commas)</label>
            <input id="new-channel-members" value={members} onChange={(e) => setMembers(e.target.value)} autoComplete="off" />
          </div>
        )}
        <button id="new-channel-create" type="submit" className="primary" disabled={action.busy}>
          Create channel
        </button>
        {action.error && (
          <p className="error-text" role="alert">
            {action.error}
          </p>
        )}
      </form>
    </details>
  );
}
