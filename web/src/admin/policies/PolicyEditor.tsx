import { type FormEvent, type ReactNode, useState } from 'react';
import { describeError } from '../../api/problem';
import { ErrorNote } from '../../ui/States';
import { createPolicy, updatePolicy } from './policyApi';
import {
  type FormValues,
  type ParameterSchema,
  type PolicyTypeSchema,
  type PolicyView,
  changedParameters,
  controlOf,
  identityError,
  initialValues,
  validateValues,
  valueChoices,
} from './policyForm';

const fieldId = (name: string) => `param-${name}`;

/** New-Cs<Noun> or Set-Cs<Noun> as a form: one control per parameter, offering exactly its valid values. */
export function PolicyEditor({
  schema,
  policy,
  onSaved,
  onCancel,
}: {
  schema: PolicyTypeSchema;
  policy: PolicyView | undefined;
  onSaved: (saved: PolicyView, created: boolean) => void;
  onCancel: () => void;
}) {
  const creating = policy === undefined;
  const [identity, setIdentity] = useState('');
  const [values, setValues] = useState<FormValues>(() => initialValues(schema, policy));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const title = creating ? `New ${schema.policyType}` : `Edit ${policy.identity}`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const found = validateValues(schema, values);
    const nameError = creating ? identityError(identity) : null;
    if (nameError) found.identity = nameError;
    setErrors(found);
    if (Object.keys(found).length > 0) return;

    const parameters = changedParameters(schema, values, policy);
    if (!creating && Object.keys(parameters).length === 0) {
      setFailure('Nothing changed.');
      return;
    }

    setSaving(true);
    const request = creating ? createPolicy(schema.policyType, identity.trim(), parameters) : updatePolicy(schema.policyType, policy.identity, parameters);
    request.then(
      (saved) => onSaved(saved, creating),
      (error: unknown) => {
        setSaving(false);
        setFailure(describeError(error));
      },
    );
  };

  return (
    <section aria-labelledby="editor-title" className="card">
      <h2 id="editor-title">{title}</h2>
      <form onSubmit={submit} noValidate className="policy-form">
        {creating && (
          <Field id="policy-identity" label="Name" hint="Tag:Name or Name: no spaces and none of : , / \" error={errors.identity}>
            <input
              id="policy-identity"
              value={identity}
              onChange={(e) => setIdentity(e.target.value)}
              maxLength={140}
              required
              aria-invalid={errors.identity ? true : undefined}
              aria-describedby="policy-identity-hint policy-identity-error"
            />
          </Field>
        )}
        {schema.parameters.map((parameter) => (
          <ParameterControl
            key={parameter.name}
            parameter={parameter}
            value={values[parameter.name] ?? ''}
            error={errors[parameter.name]}
            onChange={(value) => setValues((v) => ({ ...v, [parameter.name]: value }))}
          />
        ))}
        {failure && <ErrorNote message={failure} />}
        <p>
          <button type="submit" id="save-policy" className="primary" disabled={saving}>
            {saving ? 'Saving…' : creating ? 'Create policy' : 'Save changes'}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </p>
      </form>
    </section>
  );
}

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string | null; error?: string | undefined; children: ReactNode }) {
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

function ParameterControl({
  parameter,
  value,
  error,
  onChange,
}: {
  parameter: ParameterSchema;
  value: string | boolean;
  error: string | undefined;
  onChange: (value: string | boolean) => void;
}) {
  const id = fieldId(parameter.name);
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
