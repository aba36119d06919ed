import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/problem';
import { ErrorNote } from '../../ui/States';
import { createPolicy, updatePolicy } from './policyApi';
import {
  type FormValues,
  type PolicyTypeSchema,
  type PolicyView,
  changedParameters,
  identityError,
  initialValues,
  validateValues,
} from './policyForm';
import { Field, ParameterControl } from './ParameterControl';

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
