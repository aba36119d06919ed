// One message of a conversation: who sent it and when, the message it replies to, its text (rendered inert by
// Markdown.tsx), an "edited" mark or the tombstone of a deleted one, its reactions and what the person can do with it.
import { MessageText } from './Markdown';
import type { PendingMessage } from './chatSession';
import { REACTIONS, type MessageView } from './types';

interface Props {
  message: MessageView;
  mine: boolean;
  myUpn: string;
  nameOf: (upn: string) => string;
  replied: MessageView | null;
  onReply: () => void;
  onEdit: () => void;
  onDelete: () => void;
  onReact: (reaction: string, on: boolean) => void;
}

const QUOTE_LENGTH = 140;
const time = (at: string) => new Date(at).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** The first characters of the replied-to message, as plain text. */
function quoteOf(message: MessageView): string {
  if (message.deleted || message.text === null) return 'This message was deleted';
  const text = message.text.replace(/\s+/g, ' ').trim();
  return text.length > QUOTE_LENGTH ? `${text.slice(0, QUOTE_LENGTH)}…` : text;
}

export function MessageItem({ message, mine, myUpn, nameOf, replied, onReply, onEdit, onDelete, onReact }: Props) {
  const sender = nameOf(message.senderUpn);
  const reactions = message.reactions.filter((r) => r.upns.length > 0);
  return (
    <li className={mine ? 'message mine' : 'message'} data-message-id={message.messageId} data-sequence={String(message.sequence)}>
      <p className="message-meta">
        <strong className="sender">{sender}</strong> <time dateTime={message.sentAt}>{time(message.sentAt)}</time>
        {message.editedAt && !message.deleted && <span className="edited"> · edited</span>}
      </p>
      {message.replyTo && (
        <blockquote className="reply-quote">
          {replied ? (
            <>
              <span className="muted">{nameOf(replied.senderUpn)}:</span> {quoteOf(replied)}
            </>
          ) : (
            <span className="muted">A reply to an earlier message</span>
          )}
        </blockquote>
      )}
      {message.deleted || message.text === null ? (
        <p className="tombstone">This message was deleted</p>
      ) : (
        <MessageText text={message.text} mentions={message.mentions} />
      )}
      {reactions.length > 0 && (
        <ul className="reactions" aria-label="Reactions">
          {reactions.map((r) => {
            const shown = REACTIONS.find((x) => x.name === r.reaction);
            const minePressed = r.upns.some((u) => u.toLowerCase() === myUpn.toLowerCase());
            const who = r.upns.map(nameOf).join(', ');
            return (
              <li key={r.reaction}>
                <button
                  data-reaction={r.reaction}
                  type="button"
                  aria-pressed={minePressed}
                  title={who}
                  aria-label={`${shown?.label ?? r.reaction} ${r.upns.length}, by ${who}`}
                  onClick={() => onReact(r.reaction, !minePressed)}
                  disabled={message.deleted}
                >
                  {shown?.symbol ?? r.reaction} {r.upns.length}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {!message.deleted && (
        <div className="message-actions">
          <button type="button" className="reply" onClick={onReply} aria-label={`Reply to ${sender}`}>
            Reply
          </button>
          <details className="react-menu">
            <summary aria-label={`React to ${sender}'s message`}>React</summary>
            <div className="react-choices">
              {REACTIONS.map((r) => (
                <button key={r.name} type="button" data-reaction={r.name} aria-label={r.label} title={r.label} onClick={() => onReact(r.name, true)}>
                  {r.symbol}
                </button>
              ))}
            </div>
          </details>
          {mine && (
            <>
              <button type="button" className="edit" onClick={onEdit}>
                Edit
              </button>
              <button type="button" className="danger delete" onClick={onDelete}>
                Delete
              </button>
            </>
          )}
        </div>
      )}
    </li>
  );
}

/** A message of this person on its way: "sending…" until the server stored it, or why it was refused. */
export function PendingItem({ pending, myName, onRetry, onDiscard }: { pending: PendingMessage; myName: string; onRetry: () => void; onDiscard: () => void }) {
  return (
    <li className="message mine pending" data-client-message-id={pending.clientMessageId}>
      <p className="message-meta">
        <strong className="sender">{myName}</strong> <span className="muted">{pending.failed ? 'not sent' : 'sending…'}</span>
      </p>
      <MessageText text={pending.text} mentions={pending.mentions} />
      {pending.failed && (
        <div className="error-text" role="alert">
          <p>{pending.failed}</p>
          <button type="button" onClick={onRetry}>
            Send again
          </button>
          <button type="button" onClick={onDiscard}>
            Discard
          </button>
        </div>
      )}
    </li>
  );
}
