import { type FormEvent, useState } from 'react';
import { type Schemas, del, get, patch, post } from '../../api/client';
import { apiPath } from '../../api/paths';
import { ErrorNote, Load } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { ConfirmButton, OnceSecret } from '../parts';
import { useAction } from '../useAction';
import { adminRoles, toggled } from '../users/userForm';
import { appNameError, createAppBody } from './appForm';

type AppView = Schemas['AppView'];

interface Secret {
  clientId: string;
  clientSecret: string;
  what: string;
}

/**
 * App registrations (client credentials, /api/admin/apps): the list, a new one with its secret shown
 * once, and for each: disable or enable, a new secret (the old one stops working), remove.
 */
export function AppsSection() {
  const apps = useApi(() => get('/api/admin/apps'), 'apps');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [tried, setTried] = useState(false);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const action = useAction();
  const nameError = tried ? appNameError(name) : null;

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setStatus(null);
    if (appNameError(name)) return;
    const answer = await action.run(() => post<Schemas['CreatedApp']>('/api/admin/apps', createAppBody(name, roles, adminRoles)));
    if (!answer) return;
    setSecret({ clientId: answer.clientId, clientSecret: answer.clientSecret, what: `Created ${answer.displayName} (${answer.clientId}).` });
    setName('');
    setRoles([]);
    setTried(false);
    apps.reload();
  };

  const act = async (work: () => Promise<unknown>, done: string) => {
    setStatus(null);
    setSecret(null);
    if ((await action.run(async () => (await work()) ?? true)) === undefined) return;
    setStatus(done);
    apps.reload();
  };

  const newSecret = async (app: AppView) => {
    setStatus(null);
    const answer = await action.run(() => post<Schemas['AppSecret']>(apiPath('/api/admin/apps/{clientId}/secret', { clientId: app.clientId }), {}));
    if (answer) setSecret({ clientId: answer.clientId, clientSecret: answer.clientSecret, what: `New secret for ${app.displayName}: the old one no longer works.` });
  };

  return (
    <section aria-labelledby="apps-title">
      <h2 id="apps-title">App registrations</h2>
      {secret && (
        <OnceSecret id="app-secret" label="Client secret" note="Store it where the app reads its configuration; a new secret replaces it if it is lost." value={secret.clientSecret}>
          <p>{secret.what}</p>
          <p>
            Client id: <code>{secret.clientId}</code>
          </p>
        </OnceSecret>
      )}
      {status && (
        <p id="apps-status" className="notice" role="status">
          {status}
        </p>
      )}
      {action.error && <ErrorNote message={action.error} />}
      <Load state={apps} what="app registrations">
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No app registrations yet.</p>
          ) : (
            <div className="table-wrap">
              <table id="app-table">
                <caption className="visually-hidden">App registrations</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Client id</th>
                    <th scope="col">Roles</th>
                    <th scope="col">State</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((app) => {
                    const path = apiPath('/api/admin/apps/{clientId}', { clientId: app.clientId });
                    return (
                      <tr key={app.clientId}>
                        <td>{app.displayName}</td>
                        <td>
                          <code>{app.clientId}</code>
                        </td>
                        <td>{app.roles.length > 0 ? app.roles.join(', ') : '—'}</td>
                        <td>{app.enabled ? 'Enabled' : 'Disabled'}</td>
                        <td>
                          <div className="actions">
                            <button
                              type="button"
                              disabled={action.busy}
                              aria-label={`${app.enabled ? 'Disable' : 'Enable'} ${app.displayName}`}
                              onClick={() => void act(() => patch<AppView>(path, { enabled: !app.enabled }), `${app.displayName} ${app.enabled ? 'disabled' : 'enabled'}.`)}
                            >
                              {app.enabled ? 'Disable' : 'Enable'}
                            </button>
                            <ConfirmButton
                              id={`new-secret-${app.clientId}`}
                              label="New secret"
                              question={`Replace ${app.displayName}'s secret? The old one stops working.`}
                              confirmLabel="Replace secret"
                              disabled={action.busy}
                              onConfirm={() => void newSecret(app)}
                            />
                            <ConfirmButton
                              id={`remove-${app.clientId}`}
                              label="Remove"
                              question={`Remove ${app.displayName} for good?`}
                              confirmLabel="Remove"
                              danger
                              disabled={action.busy}
                              onConfirm={() => void act(() => del(path), `${app.displayName} removed.`)}
                            />
                          </div>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </Load>
      <form className="admin-form" onSubmit={(e) => void create(e)} noValidate aria-labelledby="new-app-title">
        <h3 id="new-app-title">New app registration</h3>
        <div className="field">
          <label htmlFor="new-app-name">Display name</label>
          <input
            id="new-app-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? 'new-app-name-error' : undefined}
          />
          {nameError && (
            <span id="new-app-name-error" className="error-text">
              {nameError}
            </span>
          )}
        </div>
        <fieldset>
          <legend>Admin roles of the app</legend>
          {adminRoles.map((role) => (
            <label key={role} className="choice">
              <input type="checkbox" checked={roles.includes(role)} onChange={(e) => setRoles(toggled(roles, role, e.target.checked))} /> {role}
            </label>
          ))}
        </fieldset>
        <p>
          <button id="create-app" type="submit" className="primary" disabled={action.busy}>
            Create app registration
          </button>
        </p>
      </form>
    </section>
  );
}
