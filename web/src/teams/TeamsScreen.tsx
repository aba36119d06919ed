// The Teams screen: the person's teams and channels beside the open team (/teams/{teamId}) or channel
// (/teams/{teamId}/{channelId}); stacked on a narrow window. A channel's conversation is a chat, shown by the chat
// screen's Conversation over the same chat session (one hub connection for chats and channels).
import { useEffect } from 'react';
import { Route, Routes, useParams } from 'react-router';
import { useMe } from '../app/me';
import type { ChatSession, ChatState } from '../chat/chatSession';
import { Conversation } from '../chat/Conversation';
import { useChatSession } from '../chat/useChatSession';
import { Load, Loading } from '../ui/States';
import { TeamList } from './TeamList';
import { TeamOverview } from './TeamOverview';
import { channelChatKey } from './teams';
import { type TeamsState, useTeams } from './useTeams';

export function TeamsScreen() {
  const me = useMe();
  useEffect(() => {
    document.title = 'Teams – Conclave';
  }, []);
  return (
    <section aria-labelledby="screen-title" className="teams-screen">
      <h1 id="screen-title">Teams</h1>
      <Load state={me} what="your account">
        {(data) => <TeamsArea myUpn={data.upn ?? ''} />}
      </Load>
    </section>
  );
}

function TeamsArea({ myUpn }: { myUpn: string }) {
  const { session, state } = useChatSession(myUpn);
  const teams = useTeams(channelChatKey(state.chats));
  return (
    <div className="chat-layout">
      <TeamList teams={teams} />
      <Routes>
        <Route index element={<p className="muted chat-empty">Choose a team or a channel.</p>} />
        <Route path=":teamId" element={<TeamPage teams={teams} myUpn={myUpn} />} />
        <Route path=":teamId/:channelId" element={<ChannelPage teams={teams} session={session} state={state} />} />
      </Routes>
    </div>
  );
}

function TeamPage({ teams, myUpn }: { teams: TeamsState; myUpn: string }) {
  const teamId = useParams().teamId ?? '';
  if (teams.teams === null) return <Loading what="the team" />;
  const team = teams.teams.find((t) => t.teamId === teamId);
  if (!team) return <p className="notice">You are not in this team. Choose another one.</p>;
  return <TeamOverview team={team} myUpn={myUpn} onChanged={teams.put} reload={teams.reload} />;
}

function ChannelPage({ teams, session, state }: { teams: TeamsState; session: ChatSession; state: ChatState }) {
  const { teamId = '', channelId = '' } = useParams();
  if (teams.teams === null) return <Loading what="the channel" />;
  const team = teams.teams.find((t) => t.teamId === teamId);
  const channel = team?.channels.find((c) => c.channelId === channelId);
  if (!team || !channel || !channel.isMember) return <p className="notice">You cannot open this channel. Choose another one.</p>;
  return (
    <Conversation
      key={channel.chatId}
      session={session}
      state={state}
      chatId={channel.chatId}
      title={`${team.name} › ${channel.name}`}
      about={
        <p className="muted">
          {channel.kind === 'Private' ? `Private channel · ${channel.members.length} members` : 'Standard channel · everyone in the team'}
          {channel.description && ` · ${channel.description}`}
          {team.archived && ' · the team is archived: read only'}
        </p>
      }
    />
  );
}
