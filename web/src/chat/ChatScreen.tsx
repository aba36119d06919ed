// The Chat screen: the person's chats beside the open conversation (/chat/{chatId}); stacked on a narrow window.
import { useEffect } from 'react';
import { Route, Routes, useParams } from 'react-router';
import { useMe } from '../app/me';
import { Load } from '../ui/States';
import { ChatList } from './ChatList';
import { Conversation, type ConversationProps } from './Conversation';
import { useChatSession } from './useChatSession';

export function ChatScreen() {
  const me = useMe();
  useEffect(() => {
    document.title = 'Chat – Conclave';
  }, []);
  return (
    <section aria-labelledby="screen-title" className="chat-screen">
      <h1 id="screen-title">Chat</h1>
      <Load state={me} what="your account">
        {(data) => <ChatArea myUpn={data.upn ?? ''} />}
      </Load>
    </section>
  );
}

function ChatArea({ myUpn }: { myUpn: string }) {
  const { session, state } = useChatSession(myUpn);
  return (
    <div className="chat-layout">
      <ChatList session={session} state={state} />
      <Routes>
        <Route index element={<p className="muted chat-empty">Choose a chat, or start a new one.</p>} />
        <Route path=":chatId" element={<RoutedConversation session={session} state={state} />} />
      </Routes>
    </div>
  );
}

function RoutedConversation({ session, state }: Pick<ConversationProps, 'session' | 'state'>) {
  const chatId = useParams().chatId ?? '';
  return <Conversation session={session} state={state} chatId={chatId} />;
}
