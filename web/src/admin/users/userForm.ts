// The user forms' state logic: what the create form checks before it asks the server (the server checks
// again and its refusal is shown as it words it), and what an edit changes, so that only the changed
// members are sent (PATCH /api/admin/users/{idOrUpn} changes only the members given).
import type { Schemas } from '../../api/client';

export type UserView = Schemas['UserView'];

/** The participant kinds the API takes (Conclave.Contracts.Api.UserKindNames). */
export const userKinds = ['Member', 'Guest', 'Federated', 'Anonymous', 'Pstn'] as const;

/** The kinds an account can hold, and so the only kinds an edit offers (Conclave.Contracts.Api.UserKindNames.WithAccount). */
export const accountKinds = ['Member', 'Guest', 'Federated'] as const;

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
  kind: string;
  roles: string[];
}

export const editOf = (user: UserView): UserEdit => ({
  displayName: user.displayName,
  enabled: user.enabled,
  licensedToScheduleMeetings: user.licensedToScheduleMeetings,
  kind: user.kind,
  roles: [...user.roles],
});

export interface EditPlan {
  /** The PATCH body, null when no member changed. */
  patch: { displayName?: string; enabled?: boolean; licensedToScheduleMeetings?: boolean; kind?: string } | null;
  grant: string[];
  revoke: string[];
  /** Why the display name is refused, else null. */
  error: string | null;
  /** Why the kind is refused, else null. */
  kindError: string | null;
}

/**
 * What saving an edit does: the changed members, the roles to give and to take away. Saving revokes first, then
 * patches, then grants, so that one save can clear an administrator's roles and make them a guest (the server
 * refuses a non-member kind while a role is held), or make a guest a member and give them a role.
 */
export function planEdit(user: UserView, edit: UserEdit): EditPlan {
  const name = edit.displayName.trim();
  const error = name === '' ? 'Enter a display name.' : name.length > 256 ? 'A display name has at most 256 characters.' : null;
  const kindError = kindEditError(user, edit);
  const patch: NonNullable<EditPlan['patch']> = {};
  if (name !== user.displayName) patch.displayName = name;
  if (edit.enabled !== user.enabled) patch.enabled = edit.enabled;
  if (edit.licensedToScheduleMeetings !== user.licensedToScheduleMeetings) patch.licensedToScheduleMeetings = edit.licensedToScheduleMeetings;
  if (edit.kind !== user.kind) patch.kind = edit.kind;
  return {
    patch: Object.keys(patch).length > 0 ? patch : null,
    grant: edit.roles.filter((r) => !user.roles.includes(r)),
    revoke: user.roles.filter((r) => !edit.roles.includes(r)),
    error,
    kindError,
  };
}

/** Why the chosen kind is refused: only kinds with an account, and admin roles only for members (as the server rules). */
function kindEditError(user: UserView, edit: UserEdit): string | null {
  if (edit.kind === user.kind) return null;
  if (!(accountKinds as readonly string[]).includes(edit.kind)) return `Choose one of ${accountKinds.join(', ')}.`;
  if (edit.kind !== 'Member' && edit.roles.length > 0) return `Admin roles are for members: clear the roles to make this user ${edit.kind}.`;
  return null;
}

/** What a change of kind does, said before it is saved. */
export const kindChangeNote = (user: UserView, edit: UserEdit): string | null =>
  edit.kind === user.kind ? null : `Saving makes ${user.upn} ${edit.kind} and ends their sessions: they sign in again.`;

/** The roles list with `role` in or out. */
export const toggled = (roles: readonly string[], role: string, on: boolean): string[] =>
  on ? (roles.includes(role) ? [...roles] : [...roles, role]) : roles.filter((r) => r !== role);
