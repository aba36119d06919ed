// The user forms' state logic: what the create form checks before it asks the server (the server checks
// again and its refusal is shown as it words it), and what an edit changes, so that only the changed
// members are sent (PATCH /api/admin/users/{idOrUpn} changes only the members given).
import type { Schemas } from '../../api/client';

export type UserView = Schemas['UserView'];

/** The participant kinds the API takes (Conclave.Contracts.Api.UserKindNames). */
export const userKinds = ['Member', 'Guest', 'Federated', 'Anonymous', 'Pstn'] as const;

/** The admin roles the API takes (Conclave.Contracts.Api.AdminRoleNames). */
export const adminRoles = ['GlobalAdministrator', 'TeamsAdministrator', 'ComplianceAdministrator'] as const;

export interface NewUser {
  upn: string;
  displayName: string;
  kind: string;
  licensedToScheduleMeetings: boolean;
  roles: string[];
}

export type NewUserErrors = Partial<Record<'upn' | 'displayName' | 'kind', string>>;

export const emptyNewUser = (): NewUser => ({ upn: '', displayName: '', kind: 'Member', licensedToScheduleMeetings: true, roles: [] });

// A user principal name is an address: one '@', something on each side, a dot in the domain, no spaces.
const upnShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The problems of a new user's fields, none when the form may be sent. */
export function validateNewUser(user: NewUser): NewUserErrors {
  const errors: NewUserErrors = {};
  const upn = user.upn.trim();
  if (upn === '') errors.upn = 'Enter a sign-in name (user@domain).';
  else if (!upnShape.test(upn)) errors.upn = 'A sign-in name looks like user@domain.example.';
  const name = user.displayName.trim();
  if (name === '') errors.displayName = 'Enter a display name.';
  else if (name.length > 256) errors.displayName = 'A display name has at most 256 characters.';
  if (!(userKinds as readonly string[]).includes(user.kind)) errors.kind = `Choose one of ${userKinds.join(', ')}.`;
  return errors;
}

/** POST /api/admin/users without a password: the server generates a one-time one and answers it once. */
export const createBody = (user: NewUser) => ({
  upn: user.upn.trim(),
  displayName: user.displayName.trim(),
  kind: user.kind,
  licensedToScheduleMeetings: user.licensedToScheduleMeetings,
});

export interface UserEdit {
  displayName: string;
  enabled: boolean;
  licensedToScheduleMeetings: boolean;
  roles: string[];
}

export const editOf = (user: UserView): UserEdit => ({
  displayName: user.displayName,
  enabled: user.enabled,
  licensedToScheduleMeetings: user.licensedToScheduleMeetings,
  roles: [...user.roles],
});

export interface EditPlan {
  /** The PATCH body, null when no member changed. */
  patch: { displayName?: string; enabled?: boolean; licensedToScheduleMeetings?: boolean } | null;
  grant: string[];
  revoke: string[];
  error: string | null;
}

/** What saving an edit does: the changed members, the roles to give and to take away. */
export function planEdit(user: UserView, edit: UserEdit): EditPlan {
  const name = edit.displayName.trim();
  const error = name === '' ? 'Enter a display name.' : name.length > 256 ? 'A display name has at most 256 characters.' : null;
  const patch: NonNullable<EditPlan['patch']> = {};
  if (name !== user.displayName) patch.displayName = name;
  if (edit.enabled !== user.enabled) patch.enabled = edit.enabled;
  if (edit.licensedToScheduleMeetings !== user.licensedToScheduleMeetings) patch.licensedToScheduleMeetings = edit.licensedToScheduleMeetings;
  return {
    patch: Object.keys(patch).length > 0 ? patch : null,
    grant: edit.roles.filter((r) => !user.roles.includes(r)),
    revoke: user.roles.filter((r) => !edit.roles.includes(r)),
    error,
  };
}

/** The roles list with `role` in or out. */
export const toggled = (roles: readonly string[], role: string, on: boolean): string[] =>
  on ? (roles.includes(role) ? [...roles] : [...roles, role]) : roles.filter((r) => r !== role);
