import { describe, expect, it } from 'vitest';
import {
  type ParameterSchema,
  type PolicyTypeSchema,
  changedParameters,
  controlOf,
  identityError,
  initialValues,
  isDomain,
  listItems,
  parameterError,
  toJson,
  validateValues,
  valueChoices,
} from './policyForm';

const parameter = (p: Partial<ParameterSchema> & Pick<ParameterSchema, 'name' | 'kind'>): ParameterSchema => ({
  allowedValues: [],
  conclaveExtensions: [],
  default: '',
  maxItems: 0,
  summary: null,
  ...p,
});

const mode = parameter({
  name: 'CallingEndtoEndEncryptionEnabledType',
  kind: 'Enum',
  allowedValues: ['Disabled', 'DisabledUserOverride', 'EnabledUserOverride', 'Required'],
  conclaveExtensions: ['EnabledUserOverride', 'Required'],
  default: 'Disabled',
});
const enabled = parameter({ name: 'Enabled', kind: 'Boolean', default: 'False' });
const apps = parameter({ name: 'ComplianceRecordingApplications', kind: 'List', maxItems: 2 });
const domains = parameter({ name: 'AllowedExternalDomains', kind: 'DomainList', maxItems: 3 });
const allowed = parameter({ name: 'AllowedDomains', kind: 'AllKnownDomainsOrList', default: 'AllowAllKnownDomains', maxItems: 4000 });
const description = parameter({ name: 'Description', kind: 'Text' });

const schema: PolicyTypeSchema = { policyType: 'T', cmdletNoun: 'CsT', grantable: true, parameters: [mode, enabled, apps, description] };

describe('policy parameter controls', () => {
  it('gives a select of exactly the allowed values, Conclave extensions marked, and a checkbox for Booleans', () => {
    expect(controlOf(mode)).toBe('select');
    expect(valueChoices(mode).map((c) => c.value)).toEqual(['Disabled', 'DisabledUserOverride', 'EnabledUserOverride', 'Required']);
    expect(valueChoices(mode).map((c) => c.label)).toEqual(['Disabled', 'DisabledUserOverride', 'EnabledUserOverride (Conclave)', 'Required (Conclave)']);
    expect(controlOf(enabled)).toBe('checkbox');
    expect(controlOf(description)).toBe('text');
    expect(controlOf(domains)).toBe('list');
    expect(valueChoices(description)).toEqual([]);
  });

  it('starts a new policy at the defaults and an edit at the policy’s values', () => {
    expect(initialValues(schema)).toEqual({ CallingEndtoEndEncryptionEnabledType: 'Disabled', Enabled: false, ComplianceRecordingApplications: '', Description: '' });
    const policy = { policyType: 'T', identity: 'Tag:A', parameters: { CallingEndtoEndEncryptionEnabledType: 'Required', Enabled: true, ComplianceRecordingApplications: ['a', 'b'], Description: 'x' } };
    expect(initialValues(schema, policy)).toEqual({ CallingEndtoEndEncryptionEnabledType: 'Required', Enabled: true, ComplianceRecordingApplications: 'a, b', Description: 'x' });
  });
});

describe('policy form validation', () => {
  it('refuses a value outside an enumeration and names the valid ones', () => {
    expect(parameterError(mode, 'Required')).toBeNull();
    expect(parameterError(mode, 'Foo')).toBe('CallingEndtoEndEncryptionEnabledType must be one of Disabled, DisabledUserOverride, EnabledUserOverride, Required.');
  });

  it('refuses text over 1,024 characters', () => {
    expect(parameterError(description, 'x'.repeat(1024))).toBeNull();
    expect(parameterError(description, 'x'.repeat(1025))).toMatch(/longer than 1024/);
  });

  it('checks list items: spaces, domain names, and the most items', () => {
    expect(parameterError(apps, 'a, b')).toBeNull();
    expect(parameterError(apps, 'a b')).toMatch(/has a space/);
    expect(parameterError(apps, 'a,b,c')).toMatch(/at most 2 items \(3 given\)/);
    expect(parameterError(domains, 'contoso.example, xn--bcher-kva.example')).toBeNull();
    expect(parameterError(domains, 'contoso')).toBe('AllowedExternalDomains: "contoso" is not a domain name.');
    expect(parameterError(allowed, 'allowallknowndomains')).toBeNull();
    expect(parameterError(allowed, 'fabrikam.example,bad_domain.example')).toMatch(/bad_domain/);
  });

  it('reads domain names as the engine does', () => {
    expect(isDomain('a.example')).toBe(true);
    expect(isDomain('example')).toBe(false);
    expect(isDomain('-a.example')).toBe(false);
    expect(isDomain('a.123')).toBe(false);
    expect(isDomain(`${'a'.repeat(64)}.example`)).toBe(false);
  });

  it('collects every refused value by name', () => {
    expect(validateValues(schema, { CallingEndtoEndEncryptionEnabledType: 'x', Enabled: true, ComplianceRecordingApplications: 'a b', Description: '' })).toEqual({
      CallingEndtoEndEncryptionEnabledType: expect.stringContaining('must be one of'),
      ComplianceRecordingApplications: expect.stringContaining('has a space'),
    });
  });

  it('takes policy names of 1–128 characters without spaces or : , / \\, Tag: optional, never Global', () => {
    expect(identityError('Finance')).toBeNull();
    expect(identityError('Tag:Finance')).toBeNull();
    expect(identityError('  ')).toBe('Give the policy a name.');
    expect(identityError('a b')).toMatch(/no spaces/);
    expect(identityError('a,b')).toMatch(/no spaces/);
    expect(identityError('Tag:a:b')).toMatch(/no spaces/);
    expect(identityError('x'.repeat(129))).toMatch(/128/);
    expect(identityError('global')).toMatch(/built-in/);
  });
});

describe('policy values over the API', () => {
  it('sends Booleans as JSON Booleans, lists as arrays of strings, AllowAllKnownDomains as its word', () => {
    expect(toJson(enabled, true)).toBe(true);
    expect(toJson(apps, ' a, b ,a,, ')).toEqual(['a', 'b']);
    expect(toJson(allowed, 'AllowAllKnownDomains')).toBe('AllowAllKnownDomains');
    expect(toJson(allowed, 'a.example')).toEqual(['a.example']);
    expect(toJson(description, 'text')).toBe('text');
    expect(listItems('')).toEqual([]);
  });

  it('sends a new policy’s values that differ from the defaults, and only an edit’s changed values', () => {
    const values = { ...initialValues(schema), CallingEndtoEndEncryptionEnabledType: 'Required', Enabled: true };
    expect(changedParameters(schema, values)).toEqual({ CallingEndtoEndEncryptionEnabledType: 'Required', Enabled: true });

    const policy = { policyType: 'T', identity: 'Tag:A', parameters: { CallingEndtoEndEncryptionEnabledType: 'Required', Enabled: true, ComplianceRecordingApplications: ['a'], Description: 'd' } };
    const edited = { ...initialValues(schema, policy), Description: 'new' };
    expect(changedParameters(schema, edited, policy)).toEqual({ Description: 'new' });
    expect(changedParameters(schema, initialValues(schema, policy), policy)).toEqual({});
  });
});
