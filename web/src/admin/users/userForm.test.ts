import { describe, expect, it } from 'vitest';
import { type UserView, accountKinds, createBody, editOf, emptyNewUser, kindChangeNote, planEdit, toggled, validateNewUser } from './userForm';

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
    expect(planEdit(alice, editOf(alice))).toEqual({ patch: null, grant: [], revoke: [], error: null, kindError: null });
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

describe('planEdit of the kind', () => {
  const bob: UserView = { ...alice, upn: 'bob@conclave.test', roles: [] };

  it('sends a changed kind and says that the sessions end', () => {
    const edit = { ...editOf(bob), kind: 'Guest' };
    const plan = planEdit(bob, edit);
    expect(plan.patch).toEqual({ kind: 'Guest' });
    expect(plan.kindError).toBeNull();
    expect(kindChangeNote(bob, edit)).toMatch(/bob@conclave\.test Guest and ends their sessions/);
    expect(kindChangeNote(bob, editOf(bob))).toBeNull();
  });

  it('refuses a non-member kind while a role stays, and allows it when the roles are cleared in the same edit', () => {
    expect(planEdit(alice, { ...editOf(alice), kind: 'Federated' }).kindError).toMatch(/Admin roles are for members/);
    const cleared = planEdit(alice, { ...editOf(alice), kind: 'Guest', roles: [] });
    expect(cleared.kindError).toBeNull();
    expect(cleared.revoke).toEqual(['TeamsAdministrator']);
    expect(cleared.patch).toEqual({ kind: 'Guest' });
  });

  it('refuses kinds that never hold an account, and offers only those that do', () => {
    expect(planEdit(bob, { ...editOf(bob), kind: 'Pstn' }).kindError).toMatch(/Member, Guest, Federated/);
    expect(planEdit(bob, { ...editOf(bob), kind: 'Anonymous' }).kindError).not.toBeNull();
    expect(accountKinds).toEqual(['Member', 'Guest', 'Federated']);
  });

  it('leaves a kind the user already has alone, even one an edit would not offer', () => {
    const legacy: UserView = { ...bob, kind: 'Pstn' };
    expect(planEdit(legacy, editOf(legacy))).toMatchObject({ patch: null, kindError: null });
  });
});

describe('toggled', () => {
  it('adds a role once and removes it', () => {
    expect(toggled(['A'], 'A', true)).toEqual(['A']);
    expect(toggled([], 'A', true)).toEqual(['A']);
    expect(toggled(['A', 'B'], 'A', false)).toEqual(['B']);
  });
});
