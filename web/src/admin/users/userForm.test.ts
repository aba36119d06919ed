import { describe, expect, it } from 'vitest';
import { type UserView, createBody, editOf, emptyNewUser, planEdit, toggled, validateNewUser } from './userForm';

const alice: UserView = {
  id: 'u1',
  upn: 'alice@conclave.test',
  displayName: 'Alice',
  kind: 'Member',
  enabled: true,
  licensedToScheduleMeetings: true,
  roles: ['TeamsAdministrator'],
  mfaEnabled: false,
};

describe('validateNewUser', () => {
  it('accepts a complete new user', () => {
    expect(validateNewUser({ ...emptyNewUser(), upn: ' bob@conclave.test ', displayName: 'Bob' })).toEqual({});
  });

  it('names each missing or malformed field', () => {
    const errors = validateNewUser({ ...emptyNewUser(), upn: 'bob', displayName: '  ', kind: 'Robot' });
    expect(errors.upn).toMatch(/user@domain/);
    expect(errors.displayName).toMatch(/display name/);
    expect(errors.kind).toMatch(/Member/);
    expect(validateNewUser(emptyNewUser()).upn).toMatch(/Enter/);
    expect(validateNewUser({ ...emptyNewUser(), upn: 'a b@c.d', displayName: 'x' }).upn).toBeDefined();
    expect(validateNewUser({ ...emptyNewUser(), upn: 'a@c.d', displayName: 'x'.repeat(257) }).displayName).toMatch(/256/);
  });

  it('sends trimmed fields and no password, so the server generates a one-time one', () => {
    const body = createBody({ ...emptyNewUser(), upn: ' bob@conclave.test', displayName: ' Bob ', kind: 'Guest' });
    expect(body).toEqual({ upn: 'bob@conclave.test', displayName: 'Bob', kind: 'Guest', licensedToScheduleMeetings: true });
    expect(body).not.toHaveProperty('password');
  });
});

describe('planEdit', () => {
  it('changes nothing when nothing was edited', () => {
    expect(planEdit(alice, editOf(alice))).toEqual({ patch: null, grant: [], revoke: [], error: null });
  });

  it('sends only the changed members', () => {
    const plan = planEdit(alice, { ...editOf(alice), enabled: false, displayName: ' Alice B ' });
    expect(plan.patch).toEqual({ enabled: false, displayName: 'Alice B' });
    const licence = planEdit(alice, { ...editOf(alice), licensedToScheduleMeetings: false });
    expect(licence.patch).toEqual({ licensedToScheduleMeetings: false });
  });

  it('gives the roles ticked and takes away the roles cleared', () => {
    const roles = toggled(toggled(alice.roles, 'TeamsAdministrator', false), 'ComplianceAdministrator', true);
    const plan = planEdit(alice, { ...editOf(alice), roles });
    expect(plan.grant).toEqual(['ComplianceAdministrator']);
    expect(plan.revoke).toEqual(['TeamsAdministrator']);
    expect(plan.patch).toBeNull();
  });

  it('refuses an empty display name', () => {
    expect(planEdit(alice, { ...editOf(alice), displayName: ' ' }).error).toMatch(/display name/);
  });
});

describe('toggled', () => {
  it('adds a role once and removes it', () => {
    expect(toggled(['A'], 'A', true)).toEqual(['A']);
    expect(toggled([], 'A', true)).toEqual(['A']);
    expect(toggled(['A', 'B'], 'A', false)).toEqual(['B']);
  });
});
