// Writing a message: Enter sends, Shift+Enter starts a new line. Also replying (the quoted message above the field)
// and editing one's own message (its text in the field). Mentions are the members typed as @upn.
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { describeError } from '../api/problem';
import { mentionsIn } from './chatList';
import type { ChatView, MessageView } from './types';

export type ComposerMode = { kind: 'new' } | { kind: 'reply'; message: MessageView } | { kind: 'edit'; message: MessageView };

interface Props {
  chat: ChatView;
  myUpn: string;
  mode: ComposerMode;
  nameOf: (upn: string) => string;
  onCancel: () => void;
  onSend: (text: string, replyTo: string | null, mentions: string[]) => void;
  onEdit: (messageId: string, text: string, mentions: string[]) => Promise<unknown>;
}

export function Composer({ chat, myUpn, mode, nameOf, onCancel, onSend, onEdit }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    setError(null);
    if (mode.kind === 'edit') setText(mode.message.text ?? '');
    if (mode.kind !== 'new') field.current?.focus();
  }, [mode]);

  const submit = () => {
    if (text.trim() === '') return;
    const mentions = mentionsIn(text, chat.members, myUpn);
    if (mode.kind === 'edit') {
      onEdit(mode.message.messageId, text, mentions).then(
        () => setText(''),
        (e: unknown) => setError(describeError(e)),
      );
      return;
    }

    onSend(text, mode.kind === 'reply' ? mode.message.messageId : null, mentions);
    setText('');
    if (mode.kind === 'reply') onCancel();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends; Shift+Enter is a new line; Enter that ends an IME composition only ends it.
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }

    if (e.key === 'Escape' && mode.kind !== 'new') {
      setText('');
      onCancel();
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit();
  };

  return (
    <form className="composer" onSubmit={onSubmit} aria-label="Write a message">
      {mode.kind !== 'new' && (
        <div className="composer-context">
          <span>
            {mode.kind === 'reply' ? `Replying to ${nameOf(mode.message.senderUpn)}` : 'Editing your message'}
          </span>
          <button
            type="button"
            onClick={() => {
              setText('');
              onCancel();
            }}
          >
            Cancel
          </button>
        </div>
      )}
      <label htmlFor="composer">Message</label>
      <textarea
        id="composer"
        ref={field}
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby="composer-hint"
        maxLength={28000}
      />
      <p id="composer-hint" className="muted hint">
        Enter sends, Shift+Enter starts a new line. **bold**, *italic*, `code`, [text](https://…). Mention with @ and the UPN.
      </p>
      <button id="send" type="submit" className="primary">
        {mode.kind === 'edit' ? 'Save' : 'Send'}
      </button>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
