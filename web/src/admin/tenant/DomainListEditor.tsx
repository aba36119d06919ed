import { type KeyboardEvent, useState } from 'react';
import { addDomains, removeDomain } from './tenantSettings';

/**
 * A list of domains edited one at a time: each listed with its own Remove button, a field to add one (or several
 * separated by commas) checked before it joins the list. Enter in the field adds rather than submitting the form.
 */
export function DomainListEditor({
  id,
  label,
  hint,
  domains,
  maxItems,
  error,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  domains: string[];
  maxItems: number;
  error: string | undefined;
  onChange: (domains: string[]) => void;
}) {
  const [typed, setTyped] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const shown = addError ?? error ?? '';

  const add = () => {
    const next = addDomains(domains, typed, maxItems);
    setAddError(next.error);
    if (next.error === null) {
      setTyped('');
      onChange(next.domains);
    }
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  };

  return (
    <fieldset className="domain-list" id={id} aria-describedby={`${id}-hint`}>
      <legend>{label}</legend>
      <small id={`${id}-hint`} className="muted">
        {hint}
      </small>
      {domains.length === 0 ? (
        <p className="muted" id={`${id}-items`}>
          No domains.
        </p>
      ) : (
        <ul className="policy-list" id={`${id}-items`} aria-label={label}>
          {domains.map((domain) => (
            <li key={domain}>
              <span className="policy-name">{domain}</span>
              <button type="button" onClick={() => onChange(removeDomain(domains, domain))} aria-label={`Remove ${domain} from ${label}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor={`${id}-add`}>Add to {label}</label>
        <span className="add-row">
          <input
            id={`${id}-add`}
            value={typed}
            placeholder="contoso.com"
            onChange={(e) => setTyped(e.target.value)}
            onKeyDown={onKey}
            aria-invalid={shown !== '' ? true : undefined}
            aria-describedby={`${id}-error`}
            autoComplete="off"
            spellCheck={false}
          />
          <button type="button" id={`${id}-add-button`} onClick={add}>
            Add
          </button>
        </span>
        <small id={`${id}-error`} className="error-text" aria-live="polite">
          {shown}
        </small>
      </div>
    </fieldset>
  );
}
