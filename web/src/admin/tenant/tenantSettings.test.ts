import { describe, expect, it } from 'vitest';
import { type PolicyTypeSchema, changedParameters, initialValues, validateValues } from '../policies/policyForm';
import {
  addDomains,
  allowedModeOf,
  allowedText,
  domainsOf,
  domainsText,
  federationNotes,
  federationTypeOf,
  guestTypesOf,
  removeDomain,
} from './tenantSettings';

// As GET /api/admin/policies answers them (src/Conclave.Domain/Policies/Schema/PolicyTypes.cs).
const federation: PolicyTypeSchema = {
  policyType: 'TenantFederationConfiguration',
  cmdletNoun: 'CsTenantFederationConfiguration',
  grantable: false,
  parameters: [
    { name: 'AllowFederatedUsers', kind: 'Boolean', allowedValues: ['True', 'False'], conclaveExtensions: [], default: 'True', maxItems: 0, summary: 'Master switch.' },
    { name: 'AllowedDomains', kind: 'AllKnownDomainsOrList', allowedValues: [], conclaveExtensions: [], default: 'AllowAllKnownDomains', maxItems: 4000, summary: null },
    { name: 'BlockedDomains', kind: 'DomainList', allowedValues: [], conclaveExtensions: [], default: '', maxItems: 4000, summary: null },
  ],
};
const schemaOf = (policyType: string, grantable = false): PolicyTypeSchema => ({ policyType, cmdletNoun: `Cs${policyType}`, grantable, parameters: [] });
const all = [
  schemaOf('TeamsMeetingPolicy', true),
  schemaOf('ExternalAccessPolicy', true),
  federation,
  schemaOf('TeamsGuestMeetingConfiguration'),
  schemaOf('TeamsClientConfiguration'),
  schemaOf('TeamsGuestCallingConfiguration'),
];

describe('the screens pick their configurations from the schema', () => {
  it('external access edits the federation configuration only', () => {
    expect(federationTypeOf(all).map((s) => s.policyType)).toEqual(['TenantFederationConfiguration']);
  });

  it('guest access edits the guest switch first, then every tenant-wide guest configuration', () => {
    expect(guestTypesOf(all).map((s) => s.policyType)).toEqual(['TeamsClientConfiguration', 'TeamsGuestMeetingConfiguration', 'TeamsGuestCallingConfiguration']);
    expect(guestTypesOf([...all, schemaOf('TeamsGuestMessagingConfiguration'), schemaOf('GuestPolicy', true)]).map((s) => s.policyType)).toContain(
      'TeamsGuestMessagingConfiguration',
    );
    expect(guestTypesOf([schemaOf('GuestPolicy', true)])).toEqual([]);
  });
});

describe('domain lists', () => {
  it('adds a domain lower-cased, several at once, and no duplicate', () => {
    expect(addDomains([], ' Contoso.COM ', 10)).toEqual({ domains: ['contoso.com'], error: null });
    expect(addDomains(['contoso.com'], 'fabrikam.com, northwind.example fabrikam.com', 10)).toEqual({
      domains: ['contoso.com', 'fabrikam.com', 'northwind.example'],
      error: null,
    });
    const again = addDomains(['contoso.com'], 'CONTOSO.com', 10);
    expect(again.domains).toEqual(['contoso.com']);
    expect(again.error).toMatch(/already/);
  });

  it('refuses what is not a domain name, or too many, and keeps the list as it was', () => {
    for (const bad of ['localhost', '-bad.com', 'a..b', 'under_score.com', '10.0.0.1', 'x'.repeat(64) + '.com']) {
      const result = addDomains(['contoso.com'], bad, 10);
      expect(result.domains, bad).toEqual(['contoso.com']);
      expect(result.error, bad).toMatch(/not a domain name/);
    }

    expect(addDomains([], '   ', 10).error).toMatch(/Type a domain/);
    expect(addDomains(['a.com', 'b.com'], 'c.com', 2).error).toMatch(/at most 2/);
  });

  it('removes a domain, and round-trips through the form text', () => {
    expect(removeDomain(['a.com', 'b.com'], 'a.com')).toEqual(['b.com']);
    expect(domainsOf(domainsText(['a.com', 'b.com']))).toEqual(['a.com', 'b.com']);
    expect(domainsOf('')).toEqual([]);
  });
});

describe('AllowedDomains', () => {
  it('is every known domain or a list', () => {
    expect(allowedModeOf('AllowAllKnownDomains')).toBe('all');
    expect(allowedModeOf('allowallknowndomains')).toBe('all');
    expect(allowedModeOf('contoso.com')).toBe('list');
    expect(allowedModeOf('')).toBe('list');
    expect(allowedText('all', ['contoso.com'])).toBe('AllowAllKnownDomains');
    expect(allowedText('list', ['contoso.com', 'fabrikam.com'])).toBe('contoso.com, fabrikam.com');
  });

  it('sends what the API takes: the word, or the array of domains (the policy editor’s own logic)', () => {
    const stored = { policyType: federation.policyType, identity: 'Global', parameters: { AllowFederatedUsers: true, AllowedDomains: 'AllowAllKnownDomains', BlockedDomains: [] } };
    const values = initialValues(federation, stored);
    expect(values).toEqual({ AllowFederatedUsers: true, AllowedDomains: 'AllowAllKnownDomains', BlockedDomains: '' });
    const edited = { ...values, AllowedDomains: allowedText('list', ['contoso.com']), BlockedDomains: domainsText(['evil.example']) };
    expect(validateValues(federation, edited)).toEqual({});
    expect(changedParameters(federation, edited, stored)).toEqual({ AllowedDomains: ['contoso.com'], BlockedDomains: ['evil.example'] });
  });
});

describe('federationNotes', () => {
  it('says that the master switch overrides the lists', () => {
    expect(federationNotes({ AllowFederatedUsers: false, AllowedDomains: 'AllowAllKnownDomains', BlockedDomains: 'a.com' })).toEqual([
      'Federation is off: every external domain is blocked, whatever the lists below say.',
    ]);
  });

  it('says that blocked domains count only while all known domains are allowed, and warns of an empty allow list', () => {
    expect(federationNotes({ AllowFederatedUsers: true, AllowedDomains: 'AllowAllKnownDomains', BlockedDomains: 'a.com' })).toEqual([]);
    const notes = federationNotes({ AllowFederatedUsers: true, AllowedDomains: '', BlockedDomains: 'a.com' });
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/No domain is allowed/);
    expect(notes[1]).toMatch(/blocked domains are ignored/);
    expect(federationNotes({ AllowFederatedUsers: true, AllowedDomains: 'contoso.com', BlockedDomains: '' })).toEqual([]);
  });
});
