// A chat's members, and for a group: adding someone by UPN, and leaving.
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../api/problem';
import type { ChatSession } from './chatSession';
import { memberName } from './chatList';
import type { ChatView } from './types';

export function Members({ session, chat }: { session: ChatSession; chat: ChatView }) {
  const navigate = useNavigate();
  const [upn, setUpn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const group = chat.kind === 'Group';

  const act = (work: Promise<void>, then?: () => void) => {
    setBusy(true);
    setError(null);
    work.then(
      () => {
        setBusy(false);
        then?.();
      },
      (e: unknown) => {
        setBusy(false);
        setError(describeError(e));
      },
    );
  };

  const add = (e: FormEvent) => {
    e.preventDefault();
    if (upn.trim()) act(session.addMember(chat.chatId, upn.trim()), () => setUpn(''));
  };

  return (
    <details className="chat-members">
      <summary>Members ({chat.members.length})</summary>
      <ul className="members">
        {chat.members.map((m) => (
          <li key={m.upn}>
            <span>
              {memberName(m)}
              {m.displayName && <span className="muted"> · {m.upn}</span>}
            </span>
          </li>
        ))}
      </ul>
      {group && (
        <>
          <form className="inline-form" onSubmit={add}>
            <label htmlFor="add-member">Add someone (UPN)</label>
            <input id="add-member" value={upn} onChange={(e) => setUpn(e.target.value)} autoComplete="off" />
            <button type="submit" disabled={busy}>
              Add
            </button>
          </form>
          <button type="button" className="danger" disabled={busy} onClick={() => act(session.leave(chat.chatId), () => void navigate('/chat'))}>
            Leave this chat
          </button>
        </>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
