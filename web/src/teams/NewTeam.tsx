// "New team": a name, an optional description and who can find it. The creator is its first owner, and the server
// makes its General channel.
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { post } from '../api/client';
import { useAction } from '../admin/useAction';
import type { TeamView } from './teams';

export function NewTeam({ onCreated }: { onCreated: (team: TeamView) => void }) {
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [visibility, setVisibility] = useState<'Private' | 'Public'>('Private');
  const action = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const team = await action.run(() => post<TeamView>('/api/teams', { name: name.trim(), description: description.trim() || null, visibility }));
    if (!team) return;
    onCreated(team);
    setName('');
    setDescription('');
    void navigate(`/teams/${encodeURIComponent(team.teamId)}`);
  };

  return (
    <details className="new-team">
      <summary>New team</summary>
      <form onSubmit={(e) => void submit(e)} aria-label="New team">
        <div className="field">
          <label htmlFor="new-team-name">Team name</label>
          <input id="new-team-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={256} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="new-team-description">Description (optional)</label>
          <input id="new-team-description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={1024} />
        </div>
        <fieldset>
          <legend>Privacy</legend>
          <label className="choice">
            <input type="radio" name="new-team-visibility" value="Private" checked={visibility === 'Private'} onChange={() => setVisibility('Private')} /> Private: only
            the people owners add
          </label>
          <label className="choice">
            <input type="radio" name="new-team-visibility" value="Public" checked={visibility === 'Public'} onChange={() => setVisibility('Public')} /> Public
          </label>
        </fieldset>
        <button id="new-team-create" type="submit" className="primary" disabled={action.busy}>
          Create team
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
