import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/problem';
import { ErrorNote, Load } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { type GrantForm, type GrantTarget, MAX_RANK, grantBody, grantSummary } from './grantForm';
import { grantPolicy, groupAssignmentsOf, removeGroupAssignment } from './policyApi';
import type { PolicyTypeSchema, PolicyView } from './policyForm';

const TARGETS: { value: GrantTarget; label: string }[] = [
  { value: 'user', label: 'A user' },
  { value: 'group', label: 'A group, with a rank' },
  { value: 'global', label: 'The tenant (default for everyone)' },
];

/** Grant-Cs<Noun> in its three forms, and the type's group assignments in rank order with removal. */
export function GrantPanel({ schema, policies }: { schema: PolicyTypeSchema; policies: PolicyView[] }) {
  const type = schema.policyType;
  const custom = policies.filter((p) => p.identity !== 'Global');
  const [form, setForm] = useState<GrantForm>({ target: 'user', who: '', rank: '', policyName: custom[0]?.identity ?? '' });
  const [round, setRound] = useState(0);
  const assignments = useApi(() => groupAssignmentsOf(type), `${type}-assignments-${round}`);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = (patch: Partial<GrantForm>) => setForm((f) => ({ ...f, ...patch }));
  const settle = (text: string) => {
    setBusy(false);
    setStatus(text);
    setRound((r) => r + 1);
  };
  const fail = (error: unknown) => {
    setBusy(false);
    setFailure(describeError(error));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setStatus(null);
    setFailure(null);
    const built = grantBody(form);
    if ('error' in built) {
      setFailure(built.error);
      return;
    }

    setBusy(true);
    grantPolicy(type, built.body).then(() => settle(grantSummary(built.body, type)), fail);
  };

  const unassign = (group: string) => {
    setStatus(null);
    setFailure(null);
    setBusy(true);
    removeGroupAssignment(type, group).then(() => settle(`${type}: the assignment of group ${group} was removed.`), fail);
  };

  return (
    <section aria-labelledby="grant-title" className="card">
      <h2 id="grant-title">Assign a {type} policy</h2>
      <form onSubmit={submit} noValidate className="policy-form">
        <fieldset>
          <legend>Assign to</legend>
          {TARGETS.map((t) => (
            <label key={t.value} className="choice">
              <input type="radio" name="grant-target" id={`grant-target-${t.value}`} value={t.value} checked={form.target === t.value} onChange={() => change({ target: t.value })} />{' '}
              {t.label}
            </label>
          ))}
        </fieldset>
        {form.target !== 'global' && (
          <div className="field">
            <label htmlFor="grant-who">{form.target === 'user' ? 'User (sign-in name)' : 'Group (name)'}</label>
            <input id="grant-who" value={form.who} onChange={(e) => change({ who: e.target.value })} autoComplete="off" />
          </div>
        )}
        {form.target === 'group' && (
          <div className="field">
            <label htmlFor="grant-rank">Rank</label>
            <input
              id="grant-rank"
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_RANK}
              step={1}
              value={form.rank}
              onChange={(e) => change({ rank: e.target.value })}
              aria-describedby="grant-rank-hint"
            />
            <small id="grant-rank-hint" className="muted">
              1 is the best. Empty puts the group last; a taken rank moves that group and the later ones down.
            </small>
          </div>
        )}
        <div className="field">
          <label htmlFor="grant-policy">Policy</label>
          <select id="grant-policy" value={form.policyName} onChange={(e) => change({ policyName: e.target.value })}>
            {custom.map((p) => (
              <option key={p.identity} value={p.identity}>
                {p.identity}
              </option>
            ))}
            <option value="">None (unassign)</option>
          </select>
        </div>
        {failure && <ErrorNote message={failure} />}
        <p>
          <button type="submit" id="grant" className="primary" disabled={busy}>
            Assign
          </button>
        </p>
        <p role="status" aria-live="polite" id="grant-status" className="muted">
          {status ?? ''}
        </p>
      </form>

      <h3 id="assignments-title">Group assignments</h3>
      <Load state={assignments} what="the group assignments">
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No group has a {type} policy.</p>
          ) : (
            <ol className="policy-list" id="group-assignments" aria-labelledby="assignments-title">
              {list.map((a) => (
                <li key={a.groupId}>
                  <span className="policy-name">
                    Rank {a.rank}: {a.groupName} → {a.policyName}
                  </span>
                  <span className="row-actions">
                    <button type="button" onClick={() => unassign(a.groupId)} disabled={busy} aria-label={`Remove the assignment of group ${a.groupName}`}>
                      Remove
                    </button>
                  </span>
                </li>
              ))}
            </ol>
          )
        }
      </Load>
    </section>
  );
}
