import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { post } from '../../api/client';
import { describeError } from '../../api/problem';
import { ErrorNote } from '../../ui/States';
import { OnceSecret } from '../parts';
import { useAction } from '../useAction';
import { type NewUser, type NewUserErrors, type UserView, adminRoles, createBody, emptyNewUser, toggled, userKinds, validateNewUser } from './userForm';

interface Created {
  user: UserView;
  /** Roles the server refused to give (e.g. the caller may not grant them), with its reason. */
  roleErrors: string[];
}

/** A new user (POST /api/admin/users) with a generated one-time password shown once, then its roles (POST /api/admin/roles). */
export function CreateUserForm() {
  const [user, setUser] = useState<NewUser>(emptyNewUser);
  const [errors, setErrors] = useState<NewUserErrors>({});
  const [created, setCreated] = useState<Created | null>(null);
  const action = useAction();
  const set = (change: Partial<NewUser>) => setUser((u) => ({ ...u, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateNewUser(user);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const answer = await action.run(() => post<UserView>('/api/admin/users', createBody(user)));
    if (!answer) return;
    const roleErrors: string[] = [];
    for (const role of user.roles) {
      try {
        await post<UserView>('/api/admin/roles', { user: answer.upn, role });
      } catch (e) {
        roleErrors.push(`${role}: ${describeError(e)}`);
      }
    }

    setCreated({ user: answer, roleErrors });
    setUser(emptyNewUser());
  };

  const fieldError = (name: keyof NewUserErrors) =>
    errors[name] ? (
      <span id={`new-${name}-error`} className="error-text">
        {errors[name]}
      </span>
    ) : null;

  return (
    <section aria-labelledby="new-user-title">
      <p>
        <Link to="/admin/users">← All users</Link>
      </p>
      <h2 id="new-user-title">New user</h2>
      {created && (
        <div id="created-user">
          {created.user.oneTimePassword ? (
            <OnceSecret id="one-time-password" label="One-time password" note="Give it to the person over a channel you trust; they choose their own password at their next sign-in." value={created.user.oneTimePassword}>
              <p>
                Created <Link to={`/admin/users/${encodeURIComponent(created.user.id)}`}>{created.user.upn}</Link>.
              </p>
            </OnceSecret>
          ) : (
            <p className="notice" role="status">
              Created <Link to={`/admin/users/${encodeURIComponent(created.user.id)}`}>{created.user.upn}</Link>.
            </p>
          )}
          {created.roleErrors.length > 0 && <ErrorNote message={`Roles not given: ${created.roleErrors.join(' ')}`} />}
        </div>
      )}
      <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="new-upn">Sign-in name (UPN)</label>
          <input
            id="new-upn"
            type="email"
            autoComplete="off"
            value={user.upn}
            onChange={(e) => set({ upn: e.target.value })}
            aria-invalid={errors.upn ? true : undefined}
            aria-describedby={errors.upn ? 'new-upn-error' : undefined}
          />
          {fieldError('upn')}
        </div>
        <div className="field">
          <label htmlFor="new-displayName">Display name</label>
          <input
            id="new-displayName"
            value={user.displayName}
            onChange={(e) => set({ displayName: e.target.value })}
            aria-invalid={errors.displayName ? true : undefined}
            aria-describedby={errors.displayName ? 'new-displayName-error' : undefined}
          />
          {fieldError('displayName')}
        </div>
        <div className="field">
          <label htmlFor="new-kind">Kind</label>
          <select id="new-kind" value={user.kind} onChange={(e) => set({ kind: e.target.value })} aria-describedby={errors.kind ? 'new-kind-error' : undefined}>
            {userKinds.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
          {fieldError('kind')}
        </div>
        <div className="field">
          <label>
            <input type="checkbox" checked={user.licensedToScheduleMeetings} onChange={(e) => set({ licensedToScheduleMeetings: e.target.checked })} /> Licensed
            to schedule meetings
          </label>
        </div>
        <fieldset>
          <legend>Admin roles</legend>
          {adminRoles.map((role) => (
            <label key={role} className="choice">
              <input type="checkbox" checked={user.roles.includes(role)} onChange={(e) => set({ roles: toggled(user.roles, role, e.target.checked) })} /> {role}
            </label>
          ))}
        </fieldset>
        {action.error && <ErrorNote message={action.error} />}
        <p>
          <button id="create-user" type="submit" className="primary" disabled={action.busy}>
            {action.busy ? 'Creating…' : 'Create user'}
          </button>
        </p>
        <p className="muted">The server generates a one-time password; the person chooses their own at their first sign-in.</p>
      </form>
    </section>
  );
}
