import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { del, get, patch, post } from '../../api/client';
import { apiPath } from '../../api/paths';
import { SessionList } from '../../sessions/SessionList';
import { ErrorNote, Load } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { ConfirmButton, OnceSecret } from '../parts';
import { useAction } from '../useAction';
import { type UserEdit, type UserView, accountKinds, adminRoles, editOf, kindChangeNote, planEdit, toggled } from './userForm';

/**
 * One user, addressed by id (a UPN's dot would make the address look like a file to the server's
 * client-route rule): edit, reset password, reset authenticator, remove; where the user is signed in, with revoke.
 */
export function UserDetail() {
  const { idOrUpn = '' } = useParams();
  const user = useApi(() => get(apiPath('/api/admin/users/{idOrUpn}', { idOrUpn })), `user-${idOrUpn}`);
  return (
    <section aria-labelledby="user-title">
      <p>
        <Link to="/admin/users">← All users</Link>
      </p>
      <Load state={user} what="the user">
        {(data) => <UserPanel key={data.id} loaded={data} />}
      </Load>
    </section>
  );
}

function UserPanel({ loaded }: { loaded: UserView }) {
  // The user as the server last answered it: each action's answer replaces it, so the page shows what
  // the server holds, not what was typed.
  const [user, setUser] = useState(loaded);
  const [edit, setEdit] = useState<UserEdit>(() => editOf(loaded));
  const [status, setStatus] = useState<string | null>(null);
  const [oneTime, setOneTime] = useState<string | null>(null);
  const action = useAction();
  const navigate = useNavigate();
  const path = { idOrUpn: user.upn };
  useEffect(() => setEdit(editOf(user)), [user]);
  const plan = planEdit(user, edit);
  const unchanged = !plan.patch && plan.grant.length === 0 && plan.revoke.length === 0;
  const refused = plan.error !== null || plan.kindError !== null;
  const kindNote = kindChangeNote(user, edit);
  // The user's own kind stays selectable when it is one an edit would not offer (Anonymous, Pstn).
  const offered: readonly string[] = accountKinds;
  const kinds = offered.includes(user.kind) ? offered : [...offered, user.kind];

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (refused || unchanged) return;
    setStatus(null);
    // Revoke, patch, grant: the order planEdit explains (roles go before the kind that refuses them).
    const done = await action.run(async () => {
      for (const role of plan.revoke) await del(apiPath('/api/admin/roles/{role}/users/{idOrUpn}', { role, idOrUpn: user.upn }));
      if (plan.patch) await patch<UserView>(apiPath('/api/admin/users/{idOrUpn}', path), plan.patch);
      for (const role of plan.grant) await post<UserView>('/api/admin/roles', { user: user.upn, role });
      return get(apiPath('/api/admin/users/{idOrUpn}', path));
    });
    if (done) {
      setUser(done);
      setStatus('Saved.');
    }
  };

  const resetPassword = async () => {
    setStatus(null);
    const answer = await action.run(() => post<UserView>(apiPath('/api/admin/users/{idOrUpn}/password-reset', path), {}));
    if (answer?.oneTimePassword) setOneTime(answer.oneTimePassword);
    if (answer) setUser({ ...answer, oneTimePassword: null });
  };

  const resetAuthenticator = async () => {
    setStatus(null);
    const answer = await action.run(() => post<UserView>(apiPath('/api/admin/users/{idOrUpn}/authenticator-reset', path), {}));
    if (answer) {
      setUser(answer);
      setStatus('Authenticator removed: the next sign-in enrols a new one.');
    }
  };

  const remove = async () => {
    setStatus(null);
    const answer = await action.run(() => del(apiPath('/api/admin/users/{idOrUpn}', path)));
    if (answer !== undefined) void navigate('/admin/users', { replace: true });
  };

  return (
    <>
      <h2 id="user-title">{user.displayName}</h2>
      <dl className="facts">
        <dt>Sign-in name</dt>
        <dd id="user-upn">{user.upn}</dd>
        <dt>Kind</dt>
        <dd id="user-kind">{user.kind}</dd>
        <dt>State</dt>
        <dd id="user-state">{user.enabled ? 'Enabled' : 'Disabled'}</dd>
        <dt>Two-step sign-in</dt>
        <dd>{user.mfaEnabled ? 'on (authenticator app)' : 'off'}</dd>
      </dl>
      {oneTime && <OnceSecret id="reset-one-time-password" label="New one-time password" note="Give it to the person over a channel you trust; they choose their own password at their next sign-in." value={oneTime} />}
      {status && (
        <p id="user-status" className="notice" role="status">
          {status}
        </p>
      )}
      {action.error && <ErrorNote message={action.error} />}
      <form className="admin-form" onSubmit={(e) => void save(e)} noValidate>
        <h3>Edit</h3>
        <div className="field">
          <label htmlFor="edit-displayName">Display name</label>
          <input
            id="edit-displayName"
            value={edit.displayName}
            onChange={(e) => setEdit({ ...edit, displayName: e.target.value })}
            aria-invalid={plan.error ? true : undefined}
            aria-describedby={plan.error ? 'edit-displayName-error' : undefined}
          />
          {plan.error && (
            <span id="edit-displayName-error" className="error-text">
              {plan.error}
            </span>
          )}
        </div>
        <div className="field">
          <label>
            <input id="edit-enabled" type="checkbox" checked={edit.enabled} onChange={(e) => setEdit({ ...edit, enabled: e.target.checked })} /> Account
            enabled (a disabled account cannot sign in, and its sessions end)
          </label>
        </div>
        <div className="field">
          <label>
            <input
              id="edit-licensed"
              type="checkbox"
              checked={edit.licensedToScheduleMeetings}
              onChange={(e) => setEdit({ ...edit, licensedToScheduleMeetings: e.target.checked })}
            />{' '}
            Licensed to schedule meetings
          </label>
        </div>
        <div className="field">
          <label htmlFor="edit-kind">Kind</label>
          <select
            id="edit-kind"
            value={edit.kind}
            onChange={(e) => setEdit({ ...edit, kind: e.target.value })}
            aria-invalid={plan.kindError ? true : undefined}
            aria-describedby="edit-kind-hint edit-kind-error"
          >
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
          <small id="edit-kind-hint" className="muted">
            {(plan.kindError === null ? kindNote : null) ?? 'Member, Guest or Federated. Admin roles are for members; changing the kind ends the user’s sessions.'}
          </small>
          <small id="edit-kind-error" className="error-text">
            {plan.kindError ?? ''}
          </small>
        </div>
        <fieldset>
          <legend>Admin roles</legend>
          {adminRoles.map((role) => (
            <label key={role} className="choice">
              <input type="checkbox" checked={edit.roles.includes(role)} onChange={(e) => setEdit({ ...edit, roles: toggled(edit.roles, role, e.target.checked) })} />{' '}
              {role}
            </label>
          ))}
        </fieldset>
        <p>
          <button id="save-user" type="submit" className="primary" disabled={action.busy || unchanged || refused}>
            Save changes
          </button>
        </p>
      </form>
      <h3>Account actions</h3>
      <div className="actions">
        <ConfirmButton
          id="reset-password"
          label="Reset password"
          question={`Give ${user.upn} a new one-time password and end their sessions?`}
          confirmLabel="Reset password"
          disabled={action.busy}
          onConfirm={() => void resetPassword()}
        />
        <ConfirmButton
          id="reset-authenticator"
          label="Reset authenticator"
          question={`Remove ${user.upn}'s authenticator so that they enrol a new one?`}
          confirmLabel="Reset authenticator"
          disabled={action.busy}
          onConfirm={() => void resetAuthenticator()}
        />
        <ConfirmButton
          id="remove-user"
          label="Remove user"
          question={`Remove ${user.upn} for good? This cannot be undone.`}
          confirmLabel="Remove"
          danger
          disabled={action.busy}
          onConfirm={() => void remove()}
        />
      </div>
      <h3 id="user-sessions-title">Sessions</h3>
      <SessionList
        idPrefix="user-sessions"
        owner={`${user.upn}'s session`}
        load={() => get(apiPath('/api/admin/users/{idOrUpn}/sessions', path))}
        revoke={(id) => del(apiPath('/api/admin/users/{idOrUpn}/sessions/{id}', { ...path, id }))}
      />
    </>
  );
}
