// The tenant-wide settings screens' logic, plain TypeScript: which configuration types each screen shows (as
// Teams' "External access" and "Guest access" pages do), and the domain lists as lists one edits a domain at
// a time. Values, validation and what is sent are policyForm.ts's, the same as the policy editor's: a domain
// list is held there as comma-separated text, and these functions read and write that text.
import { ALL_KNOWN_DOMAINS, type FormValues, type PolicyTypeSchema, isDomain, listItems } from '../policies/policyForm';

/** The tenant's federation configuration (Set-CsTenantFederationConfiguration), the "External access" screen. */
export const FEDERATION_TYPE = 'TenantFederationConfiguration';

/** Holds the tenant's guest switch, AllowGuestUser (Set-CsTeamsClientConfiguration). */
export const CLIENT_TYPE = 'TeamsClientConfiguration';

/** The configuration the external access screen edits, if the server has it. */
export const federationTypeOf = (schemas: PolicyTypeSchema[]): PolicyTypeSchema[] => schemas.filter((s) => s.policyType === FEDERATION_TYPE);

/**
 * The configurations the guest access screen edits: the guest switch first, then every tenant-wide type named for
 * guests (TeamsGuestCallingConfiguration, TeamsGuestMeetingConfiguration, and any the server adds later).
 */
export function guestTypesOf(schemas: PolicyTypeSchema[]): PolicyTypeSchema[] {
  const client = schemas.filter((s) => s.policyType === CLIENT_TYPE);
  const guest = schemas.filter((s) => !s.grantable && s.policyType !== CLIENT_TYPE && /Guest/.test(s.policyType));
  return [...client, ...guest];
}

/** What each configuration is for, in an administrator's words; the cmdlet that sets it is shown beside. */
export function titleOf(schema: PolicyTypeSchema): string {
  switch (schema.policyType) {
    case FEDERATION_TYPE:
      return 'Federation with other organisations';
    case CLIENT_TYPE:
      return 'Guests in this organisation';
    case 'TeamsGuestCallingConfiguration':
      return 'Guests: calling';
    case 'TeamsGuestMeetingConfiguration':
      return 'Guests: meetings';
    default:
      return schema.policyType;
  }
}

/** The items of a domain list as the form holds it (comma-separated text), lower-cased as the engine stores them. */
export const domainsOf = (text: string): string[] => listItems(text.toLowerCase());

/** The form's text for a domain list. */
export const domainsText = (domains: readonly string[]): string => domains.join(', ');

/** The list after adding what was typed (one domain, or several separated by commas or spaces), or why not. */
export function addDomains(domains: readonly string[], typed: string, maxItems: number): { domains: string[]; error: string | null } {
  const given = typed
    .split(/[\s,]+/)
    .map((d) => d.trim().toLowerCase())
    .filter((d) => d !== '');
  if (given.length === 0) return { domains: [...domains], error: 'Type a domain name, such as contoso.com.' };
  const bad = given.find((d) => !isDomain(d));
  if (bad !== undefined) return { domains: [...domains], error: `"${bad}" is not a domain name (such as contoso.com).` };
  const added = given.filter((d, i) => !domains.includes(d) && given.indexOf(d) === i);
  if (added.length === 0) return { domains: [...domains], error: `${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} on the list already.` };
  const next = [...domains, ...added];
  if (maxItems > 0 && next.length > maxItems) return { domains: [...domains], error: `The list takes at most ${maxItems} domains.` };
  return { domains: next, error: null };
}

export const removeDomain = (domains: readonly string[], domain: string): string[] => domains.filter((d) => d !== domain);

/** AllowedDomains either allows every known domain or only the listed ones. */
export type AllowedMode = 'all' | 'list';

export const allowedModeOf = (text: string): AllowedMode => (text.trim().toLowerCase() === ALL_KNOWN_DOMAINS.toLowerCase() ? 'all' : 'list');

/** The form's text for AllowedDomains: the word for every known domain, or the listed ones. */
export const allowedText = (mode: AllowedMode, domains: readonly string[]): string => (mode === 'all' ? ALL_KNOWN_DOMAINS : domainsText(domains));

/**
 * What the federation settings mean together, as Teams documents them (TEAMS-REFERENCE §1.4): the master switch
 * overrides both lists, and the blocked list counts only while every known domain is allowed.
 */
export function federationNotes(values: FormValues): string[] {
  const notes: string[] = [];
  const allowed = typeof values.AllowedDomains === 'string' ? values.AllowedDomains : ALL_KNOWN_DOMAINS;
  const blocked = typeof values.BlockedDomains === 'string' ? domainsOf(values.BlockedDomains) : [];
  if (values.AllowFederatedUsers === false) {
    notes.push('Federation is off: every external domain is blocked, whatever the lists below say.');
    return notes;
  }

  if (allowedModeOf(allowed) === 'list') {
    if (domainsOf(allowed).length === 0) notes.push('No domain is allowed: with an empty allow list, no external organisation is reachable.');
    if (blocked.length > 0) notes.push('The blocked domains are ignored while only listed domains are allowed.');
  }

  return notes;
}
