import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { describeError } from '../../api/problem';
import { Load } from '../../ui/States';
import { type Loaded, useApi } from '../../ui/useApi';
import '../admin-policies.css';
import { GrantPanel } from './GrantPanel';
import { PolicyEditor } from './PolicyEditor';
import { policiesOf, policyTypes, removePolicy } from './policyApi';
import type { PolicyTypeSchema, PolicyView } from './policyForm';

/** A type's policies with the type they are of, so that a list never shows under another type's heading. */
interface TypeList {
  type: string;
  list: PolicyView[];
}

/** Every policy type (GET /api/admin/policies): its policies, creating, editing, removing and assigning them. */
export function PoliciesScreen() {
  useEffect(() => {
    document.title = 'Policies – Admin – Conclave';
  }, []);
  const types = useApi(policyTypes, 'policy-types');
  const [search, setSearch] = useSearchParams();
  const [round, setRound] = useState(0);
  const named = search.get('type');
  // The list of the type the address names loads at once, alongside the types rather than after them: one round
  // trip less before the list shows (bench/scripts/60-admin-ui.sh). With no type named, it waits for the types to
  // know the first one.
  const listed = types.status === 'ready' ? (types.data.find((t) => t.policyType === named) ?? types.data[0])?.policyType : named;
  const policies = useApi(async (): Promise<TypeList | null> => (listed ? { type: listed, list: await policiesOf(listed) } : null), `${listed ?? ''}-${round}`);

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">Policies</h1>
      <Load state={types} what="the policy types">
        {(all) => {
          const chosen = all.find((t) => t.policyType === named) ?? all[0];
          if (!chosen) return <p className="muted">The server has no policy types.</p>;
          return (
            <>
              <p className="field">
                <label htmlFor="policy-type">Policy type</label>
                <select id="policy-type" value={chosen.policyType} onChange={(e) => setSearch({ type: e.target.value })}>
                  {all.map((t) => (
                    <option key={t.policyType} value={t.policyType}>
                      {t.policyType}
                    </option>
                  ))}
                </select>
              </p>
              <PolicyTypePanel key={chosen.policyType} schema={chosen} policies={listOf(policies, chosen.policyType)} refresh={() => setRound((r) => r + 1)} />
            </>
          );
        }}
      </Load>
    </section>
  );
}

/** The loaded list when it is the one of `type`, else still loading (the list of the type chosen a moment ago). */
function listOf(state: Loaded<TypeList | null> & { reload: () => void }, type: string): Loaded<PolicyView[]> & { reload: () => void } {
  if (state.status === 'error') return state;
  if (state.status === 'ready' && state.data?.type === type) return { status: 'ready', data: state.data.list, reload: state.reload };
  return { status: 'loading', reload: state.reload };
}

type Editing = { mode: 'new' } | { mode: 'edit'; policy: PolicyView } | null;

/** One type: its policies, the editor, and (for grantable types) the assignments. */
function PolicyTypePanel({
  schema,
  policies,
  refresh,
}: {
  schema: PolicyTypeSchema;
  policies: Loaded<PolicyView[]> & { reload: () => void };
  refresh: () => void;
}) {
  const type = schema.policyType;
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);

  const remove = (identity: string) => {
    setStatus(null);
    removePolicy(type, identity).then(
      (reset) => {
        setRemoving(null);
        setEditing(null);
        setStatus({ text: reset ? `${identity} was reset to its defaults.` : `${identity} was removed.`, error: false });
        refresh();
      },
      (e: unknown) => {
        setRemoving(null);
        setStatus({ text: describeError(e), error: true });
      },
    );
  };

  return (
    <>
      <p className="muted">
        {schema.cmdletNoun}
        {schema.grantable ? ' · assigned to users, groups or the tenant' : ' · tenant-wide (Global only)'}
      </p>
      <section aria-labelledby="policies-title" className="card">
        <h2 id="policies-title">{type} policies</h2>
        <Load state={policies} what={`the ${type} policies`}>
          {(list) => (
            <>
              <ul className="policy-list" id="policy-list">
                {list.map((p) => (
                  <li key={p.identity}>
                    <span className="policy-name">{p.identity}</span>
                    <span className="row-actions">
                      <button type="button" onClick={() => setEditing({ mode: 'edit', policy: p })} aria-label={`Edit ${p.identity}`}>
                        Edit
                      </button>
                      {removing === p.identity ? (
                        <>
                          <button type="button" className="danger" onClick={() => remove(p.identity)}>
                            {p.identity === 'Global' ? `Reset ${p.identity}` : `Remove ${p.identity}`}
                          </button>
                          <button type="button" onClick={() => setRemoving(null)}>
                            Cancel
                          </button>
                        </>
                      ) : (
                        <button type="button" onClick={() => setRemoving(p.identity)} aria-label={p.identity === 'Global' ? 'Reset Global to its defaults' : `Remove ${p.identity}`}>
                          {p.identity === 'Global' ? 'Reset' : 'Remove'}
                        </button>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
              {schema.grantable && (
                <button type="button" id="new-policy" className="primary" onClick={() => setEditing({ mode: 'new' })}>
                  New policy
                </button>
              )}
            </>
          )}
        </Load>
        <p role="status" aria-live="polite" id="policy-status" className={status?.error ? 'error-text' : 'muted'}>
          {status?.text ?? ''}
        </p>
      </section>
      {editing && (
        <PolicyEditor
          key={editing.mode === 'edit' ? editing.policy.identity : 'new'}
          schema={schema}
          policy={editing.mode === 'edit' ? editing.policy : undefined}
          onCancel={() => setEditing(null)}
          onSaved={(saved, created) => {
            setEditing(null);
            setStatus({ text: created ? `${saved.identity} was created.` : `${saved.identity} was saved.`, error: false });
            refresh();
          }}
        />
      )}
      {schema.grantable && policies.status === 'ready' && <GrantPanel schema={schema} policies={policies.data} />}
    </>
  );
}
