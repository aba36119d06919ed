// The policy forms' state logic, plain TypeScript: each parameter's control and its valid values from the
// type's schema (GET /api/admin/policies, src/Conclave.Server/Policies/PolicyJson.cs), validation before
// anything is sent (the server validates again and its refusal is shown as given), and the JSON each kind
// takes over the API (docs/policies.md, "Values and validation").

export type ParameterKind = 'Boolean' | 'Enum' | 'Text' | 'List' | 'DomainList' | 'AllKnownDomainsOrList';

/** One parameter of a policy type as the schema describes it. */
export interface ParameterSchema {
  name: string;
  kind: ParameterKind;
  allowedValues: string[];
  conclaveExtensions: string[];
  default: string;
  maxItems: number;
  summary: string | null;
}

/** One policy type: its Teams name, cmdlet noun, whether it can be granted, and its parameters. */
export interface PolicyTypeSchema {
  policyType: string;
  cmdletNoun: string;
  grantable: boolean;
  parameters: ParameterSchema[];
}

/** A parameter's value as the API shows it: Booleans as JSON Booleans, lists as arrays, the rest as text. */
export type ParameterValue = string | boolean | string[] | null;

/** One policy instance: `Global` or `Tag:Name`. */
export interface PolicyView {
  policyType: string;
  identity: string;
  parameters: Record<string, ParameterValue>;
}

/** What the form holds for each parameter: a checkbox's state, else the text of the control. */
export type FormValues = Record<string, string | boolean>;

export type FormErrors = Record<string, string>;

/** `AllowAllKnownDomains`: the one word an AllKnownDomainsOrList parameter takes besides a domain list. */
export const ALL_KNOWN_DOMAINS = 'AllowAllKnownDomains';

/** Longest Text value the engine takes (PolicyParameter.cs). */
export const MAX_TEXT = 1024;

/** The control a parameter gets: a checkbox for Booleans, a select of exactly its values for enumerations, else text. */
export type Control = 'checkbox' | 'select' | 'text' | 'list';

export function controlOf(parameter: ParameterSchema): Control {
  switch (parameter.kind) {
    case 'Boolean':
      return 'checkbox';
    case 'Enum':
      return 'select';
    case 'Text':
      return 'text';
    default:
      return 'list';
  }
}

/** The values a select offers: exactly the schema's allowed values, in its order, Conclave extensions marked. */
export function valueChoices(parameter: ParameterSchema): { value: string; label: string }[] {
  if (parameter.kind === 'Boolean') return [{ value: 'True', label: 'True' }, { value: 'False', label: 'False' }];
  if (parameter.kind !== 'Enum') return [];
  const extensions = new Set(parameter.conclaveExtensions);
  return parameter.allowedValues.map((value) => ({ value, label: extensions.has(value) ? `${value} (Conclave)` : value }));
}

const isTrue = (text: string): boolean => /^(true|\$true|1)$/i.test(text.trim());

/** A value as the API shows it, as the form's control holds it. */
export function formValueOf(parameter: ParameterSchema, value: ParameterValue | undefined): string | boolean {
  if (parameter.kind === 'Boolean') return typeof value === 'boolean' ? value : isTrue(typeof value === 'string' ? value : parameter.default);
  if (value === undefined) return parameter.default;
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** The form of a new policy (each parameter at its default) or of an existing one (its values). */
export function initialValues(schema: PolicyTypeSchema, policy?: PolicyView): FormValues {
  const values: FormValues = {};
  for (const parameter of schema.parameters) values[parameter.name] = formValueOf(parameter, policy?.parameters[parameter.name]);
  return values;
}

/** Items of a comma-separated list: trimmed, empty ones and duplicates dropped (as the engine reads them). */
export function listItems(text: string): string[] {
  const items: string[] = [];
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (item !== '' && !items.some((i) => i.toLowerCase() === item.toLowerCase())) items.push(item);
  }
  return items;
}

// A DNS name as the engine checks it (docs/policies.md): labels of letters, digits and hyphens, 1–63 characters,
// not starting or ending with a hyphen, at least two labels, at most 253 characters, a top-level label that is not
// all digits.
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

export function isDomain(name: string): boolean {
  if (name.length > 253) return false;
  const labels = name.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return false;
  return !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

/** Why a parameter's value is refused, or null when it is valid. */
export function parameterError(parameter: ParameterSchema, value: string | boolean): string | null {
  if (parameter.kind === 'Boolean') return typeof value === 'boolean' ? null : `${parameter.name} must be on or off.`;
  const text = typeof value === 'string' ? value : '';
  switch (parameter.kind) {
    case 'Enum':
      return parameter.allowedValues.includes(text) ? null : `${parameter.name} must be one of ${parameter.allowedValues.join(', ')}.`;
    case 'Text':
      return text.length <= MAX_TEXT ? null : `${parameter.name} is longer than ${MAX_TEXT} characters.`;
    default: {
      if (parameter.kind === 'AllKnownDomainsOrList' && text.trim().toLowerCase() === ALL_KNOWN_DOMAINS.toLowerCase()) return null;
      const items = listItems(text);
      if (parameter.maxItems > 0 && items.length > parameter.maxItems) return `${parameter.name} takes at most ${parameter.maxItems} items (${items.length} given).`;
      if (parameter.kind === 'List') {
        const bad = items.find((i) => /\s/.test(i));
        return bad === undefined ? null : `${parameter.name}: "${bad}" has a space; separate items with commas.`;
      }

      const bad = items.find((i) => !isDomain(i));
      return bad === undefined ? null : `${parameter.name}: "${bad}" is not a domain name.`;
    }
  }
}

/** Every refused value of the form, by parameter name. */
export function validateValues(schema: PolicyTypeSchema, values: FormValues): FormErrors {
  const errors: FormErrors = {};
  for (const parameter of schema.parameters) {
    const error = parameterError(parameter, values[parameter.name] ?? formValueOf(parameter, undefined));
    if (error) errors[parameter.name] = error;
  }

  return errors;
}

/** The JSON a parameter's value takes over the API: a Boolean, an array of strings for lists, else the text. */
export function toJson(parameter: ParameterSchema, value: string | boolean): ParameterValue {
  if (parameter.kind === 'Boolean') return value === true;
  const text = typeof value === 'string' ? value : '';
  switch (parameter.kind) {
    case 'Enum':
    case 'Text':
      return text;
    case 'AllKnownDomainsOrList':
      if (text.trim().toLowerCase() === ALL_KNOWN_DOMAINS.toLowerCase()) return ALL_KNOWN_DOMAINS;
      return listItems(text);
    default:
      return listItems(text);
  }
}

const same = (a: ParameterValue, b: ParameterValue): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The parameters to send: for a new policy every value that differs from the default, for an edit only those
 * that differ from the policy as loaded (a PATCH changes only the parameters given).
 */
export function changedParameters(schema: PolicyTypeSchema, values: FormValues, original?: PolicyView): Record<string, ParameterValue> {
  const changed: Record<string, ParameterValue> = {};
  for (const parameter of schema.parameters) {
    const now = toJson(parameter, values[parameter.name] ?? formValueOf(parameter, undefined));
    const before = toJson(parameter, formValueOf(parameter, original?.parameters[parameter.name]));
    if (!same(now, before)) changed[parameter.name] = now;
  }

  return changed;
}

/**
 * Why a new policy's name is refused, or null. Names have 1–128 characters, no spaces and none of `: , / \`;
 * a `Tag:` prefix is optional and `Global` is the built-in policy (docs/policies.md, "Identities and the verbs").
 */
export function identityError(identity: string): string | null {
  const name = identity.trim().replace(/^tag:/i, '');
  if (name === '') return 'Give the policy a name.';
  if (name.length > 128) return 'A policy name has at most 128 characters.';
  if (/[\s:,/\\]/.test(name)) return 'A policy name has no spaces and none of : , / \\.';
  if (name.toLowerCase() === 'global') return 'Global is the built-in policy; choose another name.';
  return null;
}
