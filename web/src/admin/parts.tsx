// Pieces the admin center's sections share: a secret shown once with a copy button, and a confirmation
// before an action that cannot be undone.
import { type ReactNode, useState } from 'react';

/**
 * A secret the server answers once (a one-time password, an app secret): shown here and never again,
 * with a copy button. The page says so, because nothing can show it later.
 */
export function OnceSecret({ id, label, value, note, children }: { id: string; label: string; value: string; note: string; children?: ReactNode }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = () => {
    navigator.clipboard.writeText(value).then(
      () => setCopied('Copied.'),
      () => setCopied('Could not copy: select the text and copy it.'),
    );
  };
  return (
    <div className="notice once-secret" role="status">
      {children}
      <p>
        {label}: <code id={id}>{value}</code>{' '}
        <button type="button" onClick={copy} aria-label={`Copy the ${label.toLowerCase()}`}>
          Copy
        </button>{' '}
        <span aria-live="polite">{copied}</span>
      </p>
      <p className="muted">It is shown only now. {note}</p>
    </div>
  );
}

/** A button that asks before it acts: the question and a confirming button replace it until answered. */
export function ConfirmButton({
  id,
  label,
  question,
  confirmLabel,
  danger,
  disabled,
  onConfirm,
  accessibleLabel,
}: {
  id: string;
  label: string;
  /** The button's name for a screen reader where several buttons read the same ("Revoke" in a list). */
  accessibleLabel?: string;
  question: string;
  confirmLabel: string;
  danger?: boolean;
  disabled?: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button id={id} type="button" className={danger ? 'danger' : undefined} disabled={disabled} aria-label={accessibleLabel} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }

  return (
    <span className="confirm" role="group" aria-label={question}>
      <span>{question} </span>
      <button
        id={`${id}-confirm`}
        type="button"
        className={danger ? 'danger' : 'primary'}
        disabled={disabled}
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>{' '}
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
