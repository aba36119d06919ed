// "New chat": one-to-one with one person (by UPN), or a group with several and an optional topic. A one-to-one chat
// that exists already is the one the server answers, so starting it again opens it.
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../api/problem';
import type { ChatSession } from './chatSession';
import { upnsIn } from './chatList';

export function NewChat({ session }: { session: ChatSession }) {
  const navigate = useNavigate();
  const [kind, setKind] = useState<'OneOnOne' | 'Group'>('OneOnOne');
  const [members, setMembers] = useState('');
  const [topic, setTopic] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    session.create(kind, upnsIn(members), kind === 'Group' && topic.trim() ? topic.trim() : null).then(
      (chat) => {
        setBusy(false);
        setMembers('');
        setTopic('');
        void navigate(`/chat/${encodeURIComponent(chat.chatId)}`);
      },
      (err: unknown) => {
        setBusy(false);
        setError(describeError(err));
      },
    );
  };

  return (
    <details className="new-chat">
      <summary>New chat</summary>
      <form onSubmit={submit} aria-label="New chat">
        <fieldset>
          <legend>Kind</legend>
          <label className="choice">
            <input type="radio" name="new-chat-kind" value="OneOnOne" checked={kind === 'OneOnOne'} onChange={() => setKind('OneOnOne')} /> One-to-one
          </label>
          <label className="choice">
            <input type="radio" name="new-chat-kind" value="Group" checked={kind === 'Group'} onChange={() => setKind('Group')} /> Group
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="new-chat-members">{kind === 'Group' ? 'People (UPNs, separated by commas)' : 'Person (UPN)'}</label>
          <input id="new-chat-members" value={members} onChange={(e) => setMembers(e.target.value)} required autoComplete="off" />
        </div>
        {kind === 'Group' && (
          <div className="field">
            <label htmlFor="new-chat-topic">Topic (optional)</label>
            <input id="new-chat-topic" value={topic} onChange={(e) => setTopic(e.target.value)} maxLength={256} />
          </div>
        )}
        <button id="new-chat-create" type="submit" className="primary" disabled={busy}>
          Start chat
        </button>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
      </form>
    </details>
  );
}
