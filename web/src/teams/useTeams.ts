// The person's teams (GET /api/teams), loaded when the screen opens and again whenever the channel chats they are in
// change on the chat hub (a team joined or left, a channel added or removed), or after one of their own changes.
import { useCallback, useEffect, useState } from 'react';
import { get } from '../api/client';
import { describeError } from '../api/problem';
import { type TeamView, sortTeams } from './teams';

export interface TeamsState {
  teams: TeamView[] | null;
  error: string | null;
  reload: () => Promise<void>;
  /** Puts a team the server just answered in place (or adds it), without another round trip. */
  put: (team: TeamView) => void;
}

export function useTeams(channelChats: string): TeamsState {
  const [teams, setTeams] = useState<TeamView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setTeams(sortTeams(await get('/api/teams')));
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload, channelChats]);
  const put = useCallback((team: TeamView) => {
    setTeams((current) => sortTeams([...(current ?? []).filter((t) => t.teamId !== team.teamId), team]));
  }, []);
  return { teams, error, reload, put };
}
