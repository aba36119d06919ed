// The person's chats, latest change first, each with its title and how much of it is unread; "New chat" above.
// Channels' conversations are chats too, but they are listed under their team on the Teams screen.
import { NavLink } from 'react-router';
import { ErrorNote, Loading } from '../ui/States';
import type { ChatSession, ChatState } from './chatSession';
import { chatTitle, unreadCount } from './chatList';
import { NewChat } from './NewChat';

export function ChatList({ session, state }: { session: ChatSession; state: ChatState }) {
  const chats = state.chats;
  const listed = chats ? state.order.filter((chatId) => chats[chatId] && chats[chatId].kind !== 'Channel') : [];
  return (
    <nav className="chat-list" aria-labelledby="chats-title">
      <h2 id="chats-title">Chats</h2>
      <NewChat session={session} />
      {state.listError && <ErrorNote message={state.listError} onRetry={() => void session.resync()} />}
      {chats === null ? (
        !state.listError && <Loading what="your chats" />
      ) : listed.length === 0 ? (
        <p className="muted">No chats yet.</p>
      ) : (
        <ul id="chat-list">
          {listed.map((chatId) => {
            const chat = chats[chatId];
            if (!chat) return null;
            const unread = unreadCount(chat, session.upn);
            const title = chatTitle(chat, session.upn);
            return (
              <li key={chatId}>
                <NavLink to={`/chat/${encodeURIComponent(chatId)}`} data-chat-id={chatId} className={unread ? 'unread' : undefined}>
                  <span className="chat-title">{title}</span>
                  {chat.kind === 'Group' && <span className="muted"> · group of {chat.members.length}</span>}
                  {unread > 0 && (
                    <span className="badge">
                      {unread}
                      <span className="visually-hidden"> unread</span>
                    </span>
                  )}
                </NavLink>
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}
