// One chat (or a channel's conversation, which is a chat): its members, its messages in order (with the ones on
// their way), and the composer. Marks the chat read up to the last applied event while the conversation is on screen.
import { type ReactNode, useEffect, useState } from 'react';
import { describeError } from '../api/problem';
import { ErrorNote, Loading } from '../ui/States';
import type { ChatSession, ChatState } from './chatSession';
import { chatTitle, memberName } from './chatList';
import { Composer, type ComposerMode } from './Composer';
import { Members } from './Members';
import { MessageItem, PendingItem } from './MessageItem';
import type { MessageView } from './types';

export interface ConversationProps {
  session: ChatSession;
  state: ChatState;
  chatId: string;
  /** The heading, when the chat's own title is not the right one (a channel is named by its team and channel). */
  title?: string;
  /** Shown under the heading (a channel's description and kind). */
  about?: ReactNode;
}

export function Conversation({ session, state, chatId, title: givenTitle, about }: ConversationProps) {
  const [mode, setMode] = useState<ComposerMode>({ kind: 'new' });
  const [actionError, setActionError] = useState<string | null>(null);
  useEffect(() => {
    session.open(chatId);
    setMode({ kind: 'new' });
    setActionError(null);
  }, [session, chatId]);

  const timeline = state.timelines[chatId];
  const chat = state.chats?.[chatId] ?? timeline?.chat ?? null;
  const applied = timeline?.applied ?? 0;

  // Read while visible: now, on each new event, and when the tab comes back to the front.
  useEffect(() => {
    const mark = () => {
      if (document.visibilityState === 'visible' && applied > 0) session.markRead(chatId, applied).catch(() => undefined);
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [session, chatId, applied]);

  const error = state.timelineErrors[chatId];
  // Left (here or on another device): the chat is gone from the list and its timeline with it.
  if (!timeline && state.chats && !state.chats[chatId]) return <p className="notice">You are not in this chat. Choose another one.</p>;
  if (!timeline || (timeline.applied === 0 && !error)) return <Loading what="the conversation" />;
  if (!chat) return <ErrorNote message={error ?? 'This chat cannot be shown.'} onRetry={() => void session.resync()} />;

  const names = new Map(chat.members.map((m) => [m.upn.toLowerCase(), memberName(m)]));
  const nameOf = (upn: string) => names.get(upn.toLowerCase()) ?? upn;
  const byId = new Map<string, MessageView>(timeline.messages.map((m) => [m.messageId, m]));
  const pending = state.pending[chatId] ?? [];
  const title = givenTitle ?? chatTitle(chat, session.upn);
  const run = (work: Promise<unknown>) => {
    setActionError(null);
    work.catch((e: unknown) => setActionError(describeError(e)));
  };

  return (
    <section className="conversation" aria-labelledby="conversation-title">
      <header className="conversation-head">
        <h2 id="conversation-title">{title}</h2>
        {about}
        {state.hub !== 'connected' && (
          <p className="muted" role="status">
            {state.hub === 'disconnected' ? 'Offline: new messages will show when the connection is back.' : 'Connecting…'}
          </p>
        )}
      </header>
      <Members session={session} chat={chat} />
      {error && <ErrorNote message={error} onRetry={() => void session.resync()} />}
      {actionError && (
        <p className="error-text" role="alert">
          {actionError}
        </p>
      )}
      <div className="messages" role="log" aria-live="polite" aria-label={`Messages in ${title}`} tabIndex={0}>
        {timeline.messages.length === 0 && pending.length === 0 ? (
          <p className="muted">No messages yet. Say hello.</p>
        ) : (
          <ol className="message-list">
            {timeline.messages.map((message) => (
              <MessageItem
                key={message.messageId}
                message={message}
                mine={message.senderUpn.toLowerCase() === session.upn.toLowerCase()}
                myUpn={session.upn}
                nameOf={nameOf}
                replied={message.replyTo ? (byId.get(message.replyTo) ?? null) : null}
                tip={state.tips[message.messageId] ?? null}
                onReply={() => setMode({ kind: 'reply', message })}
                onEdit={() => setMode({ kind: 'edit', message })}
                onDelete={() => run(session.remove(chatId, message.messageId))}
                onReact={(reaction, on) => run(session.react(chatId, message.messageId, reaction, on))}
              />
            ))}
            {pending.map((p) => (
              <PendingItem
                key={p.clientMessageId}
                pending={p}
                myName={nameOf(session.upn)}
                onRetry={() => session.retry(chatId, p.clientMessageId)}
                onDiscard={() => session.discard(chatId, p.clientMessageId)}
                onJustify={(justification) => session.sendWithJustification(chatId, p.clientMessageId, justification)}
              />
            ))}
          </ol>
        )}
      </div>
      <Composer
        key={chatId}
        chat={chat}
        myUpn={session.upn}
        mode={mode}
        nameOf={nameOf}
        onCancel={() => setMode({ kind: 'new' })}
        onSend={(text, replyTo, mentions) => session.send(chatId, text, replyTo, mentions)}
        onEdit={(messageId, text, mentions) => session.edit(chatId, messageId, text, mentions).then(() => setMode({ kind: 'new' }))}
      />
    </section>
  );
}
