import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/problem';
import { ErrorNote, Load } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { ParameterControl } from '../policies/ParameterControl';
import { policyOf, updatePolicy } from '../policies/policyApi';
import {
  type FormValues,
  type ParameterSchema,
  type PolicyTypeSchema,
  type PolicyView,
  changedParameters,
  initialValues,
  validateValues,
} from '../policies/policyForm';
import { DomainListEditor } from './DomainListEditor';
import { FEDERATION_TYPE, type AllowedMode, allowedModeOf, allowedText, domainsOf, domainsText, federationNotes, titleOf } from './tenantSettings';

/**
 * One tenant-wide configuration (its Global instance) as a form: Set-Cs<Noun> -Identity Global through the same
 * PATCH the cmdlet sends, each parameter with its description and valid values, domain lists edited a domain at
 * a time, and the server's answer shown: the saved values, or its problem details.
 */
export function ConfigurationCard({ schema }: { schema: PolicyTypeSchema }) {
  const type = schema.policyType;
  const loaded = useApi(() => policyOf(type, 'Global'), `${type}-Global`);
  const titleId = `${type}-title`;
  return (
    <section aria-labelledby={titleId} className="card" data-configuration={type}>
      <h2 id={titleId}>{titleOf(schema)}</h2>
      <p className="muted">
        <code>Set-{schema.cmdletNoun} -Identity Global</code> · tenant-wide
      </p>
      <Load state={loaded} what={`the ${type}`}>
        {(global) => <ConfigurationForm schema={schema} loaded={global} />}
      </Load>
    </section>
  );
}

function ConfigurationForm({ schema, loaded }: { schema: PolicyTypeSchema; loaded: PolicyView }) {
  const type = schema.policyType;
  // What the server last answered: a save replaces it, so the form compares with what is stored.
  const [stored, setStored] = useState(loaded);
  const [values, setValues] = useState<FormValues>(() => initialValues(schema, loaded));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (name: string, value: string | boolean) => {
    setStatus(null);
    setValues((v) => ({ ...v, [name]: value }));
  };
  const notes = type === FEDERATION_TYPE ? federationNotes(values) : [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setStatus(null);
    setFailure(null);
    const found = validateValues(schema, values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const parameters = changedParameters(schema, values, stored);
    if (Object.keys(parameters).length === 0) {
      setStatus('Nothing changed.');
      return;
    }

    setSaving(true);
    updatePolicy(type, 'Global', parameters).then(
      (saved) => {
        setSaving(false);
        setStored(saved);
        setValues(initialValues(schema, saved));
        setStatus(`Saved: ${Object.keys(parameters).join(', ')}.`);
      },
      (error: unknown) => {
        setSaving(false);
        setFailure(describeError(error));
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="policy-form" aria-labelledby={`${type}-title`}>
      {notes.length > 0 && (
        <ul className="settings-notes notice" id={`${type}-notes`}>
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {schema.parameters.map((parameter) => (
        <Setting
          key={parameter.name}
          type={type}
          parameter={parameter}
          value={values[parameter.name] ?? ''}
          error={errors[parameter.name]}
          onChange={(value) => set(parameter.name, value)}
        />
      ))}
      {failure && <ErrorNote message={failure} />}
      <p role="status" aria-live="polite" id={`${type}-status`} className="muted">
        {status ?? ''}
      </p>
      <p>
        <button type="submit" id={`save-${type}`} className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      </p>
    </form>
  );
}

/** A parameter's control: domain lists as lists, AllowedDomains as a choice of all known domains or a list, the rest as in the policy editor. */
function Setting({
  type,
  parameter,
  value,
  error,
  onChange,
}: {
  type: string;
  parameter: ParameterSchema;
  value: string | boolean;
  error: string | undefined;
  onChange: (value: string | boolean) => void;
}) {
  const id = `${type}-${parameter.name}`;
  const text = typeof value === 'string' ? value : '';
  const limit = parameter.maxItems > 0 ? ` At most ${parameter.maxItems} domains.` : '';
  switch (parameter.kind) {
    case 'DomainList':
      return (
        <DomainListEditor
          id={id}
          label={parameter.name}
          hint={`${parameter.summary ?? ''}${limit}`}
          domains={domainsOf(text)}
          maxItems={parameter.maxItems}
          error={error}
          onChange={(domains) => onChange(domainsText(domains))}
        />
      );
    case 'AllKnownDomainsOrList':
      return <AllowedDomains id={id} parameter={parameter} text={text} error={error} onChange={onChange} />;
    default:
      return <ParameterControl parameter={parameter} value={value} error={error} onChange={onChange} idPrefix={type} />;
  }
}

function AllowedDomains({
  id,
  parameter,
  text,
  error,
  onChange,
}: {
  id: string;
  parameter: ParameterSchema;
  text: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const mode = allowedModeOf(text);
  // The listed domains survive a switch to "all known domains" and back, until the form is saved.
  const [listed, setListed] = useState<string[]>(() => (mode === 'list' ? domainsOf(text) : []));
  const choose = (next: AllowedMode) => onChange(allowedText(next, listed));
  const radio = (value: AllowedMode, label: string) => (
    <label className="choice">
      <input type="radio" name={`${id}-mode`} id={`${id}-${value}`} value={value} checked={mode === value} onChange={() => choose(value)} /> {label}
    </label>
  );
  return (
    <fieldset aria-describedby={`${id}-hint`}>
      <legend>{parameter.name}</legend>
      <small id={`${id}-hint`} className="muted">
        {parameter.summary ?? ''} Default: {parameter.default}.
      </small>
      {radio('all', 'AllowAllKnownDomains: every domain that is not blocked')}
      {radio('list', 'Only the domains listed below')}
      {mode === 'list' && (
        <DomainListEditor
          id={`${id}-listed`}
          label={`${parameter.name} list`}
          hint={parameter.maxItems > 0 ? `At most ${parameter.maxItems} domains.` : 'The only domains reachable.'}
          domains={listed}
          maxItems={parameter.maxItems}
          error={error}
          onChange={(domains) => {
            setListed(domains);
            onChange(allowedText('list', domains));
          }}
        />
      )}
    </fieldset>
  );
}
