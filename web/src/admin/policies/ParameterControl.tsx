// One policy parameter as a form control, offering exactly its valid values with its description and default:
// the policy editor and the tenant-wide settings screens (external and guest access) both use it.
import type { ReactNode } from 'react';
import { type ParameterSchema, controlOf, valueChoices } from './policyForm';

/** The id of a parameter's control: `param-<Name>`, or `<prefix>-<Name>` where one screen shows several types. */
export const fieldId = (name: string, prefix = 'param') => `${prefix}-${name}`;

export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string | null; error?: string | undefined; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      <small id={`${id}-error`} className="error-text">
        {error ?? ''}
      </small>
    </div>
  );
}

export function ParameterControl({
  parameter,
  value,
  error,
  onChange,
  idPrefix,
}: {
  parameter: ParameterSchema;
  value: string | boolean;
  error: string | undefined;
  onChange: (value: string | boolean) => void;
  idPrefix?: string;
}) {
  const id = fieldId(parameter.name, idPrefix);
  const described = `${id}-hint ${id}-error`;
  const invalid = error ? true : undefined;
  switch (controlOf(parameter)) {
    case 'checkbox':
      return (
        <div className="field check">
          <label>
            <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} aria-describedby={described} /> {parameter.name}
          </label>
          <small id={`${id}-hint`} className="muted">
            {parameter.summary ?? ''} Default: {parameter.default}.
          </small>
          <small id={`${id}-error`} className="error-text">
            {error ?? ''}
          </small>
        </div>
      );
    case 'select':
      return (
        <Field id={id} label={parameter.name} hint={`${parameter.summary ?? ''} Default: ${parameter.default}.`} error={error}>
          <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid} aria-describedby={described}>
            {valueChoices(parameter).map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </Field>
      );
    case 'text':
      return (
        <Field id={id} label={parameter.name} hint={parameter.summary} error={error}>
          <textarea id={id} value={String(value)} onChange={(e) => onChange(e.target.value)} rows={2} aria-invalid={invalid} aria-describedby={described} />
        </Field>
      );
    case 'list':
      return (
        <Field
          id={id}
          label={parameter.name}
          hint={`${parameter.summary ?? ''} Comma-separated${parameter.maxItems > 0 ? `, at most ${parameter.maxItems}` : ''}.`}
          error={error}
        >
          <input id={id} value={String(value)} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid} aria-describedby={described} />
        </Field>
      );
  }
}
