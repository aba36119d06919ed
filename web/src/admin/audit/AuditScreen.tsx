import { type FormEvent, useEffect, useState } from 'react';
import { get } from '../../api/client';
import { ErrorNote, Load } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import '../admin-policies.css';
import { type AuditFilters, type AuditQuery, type AuditRecord, AUDIT_TAKE, auditCsv, auditCsvName, auditQuery, emptyFilters, knownOperations, matchingTarget } from './auditLog';

/** The audit log (GET /api/admin/audit): filtered by operation, actor, target and time, exported as CSV. */
export function AuditScreen() {
  useEffect(() => {
    document.title = 'Audit log – Admin – Conclave';
  }, []);
  const [draft, setDraft] = useState<AuditFilters>(emptyFilters);
  const [applied, setApplied] = useState<{ query: AuditQuery; target: string }>({ query: { take: AUDIT_TAKE }, target: '' });
  const [invalid, setInvalid] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const records = useApi(() => get('/api/admin/audit', applied.query), `${JSON.stringify(applied.query)}-${round}`);

  const change = (patch: Partial<AuditFilters>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const built = auditQuery(draft);
    if ('error' in built) {
      setInvalid(built.error);
      return;
    }

    setInvalid(null);
    setApplied({ query: built.query, target: draft.target });
    setRound((r) => r + 1);
  };

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">Audit log</h1>
      <form onSubmit={submit} className="card filters" role="search" aria-label="Filter the audit log" noValidate>
        <div className="field">
          <label htmlFor="audit-operation">Operation</label>
          <input id="audit-operation" list="audit-operations" value={draft.operation} onChange={(e) => change({ operation: e.target.value })} placeholder="admin.policy" />
          <datalist id="audit-operations">
            {knownOperations.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="audit-actor">Actor (sign-in name)</label>
          <input id="audit-actor" value={draft.actor} onChange={(e) => change({ actor: e.target.value })} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="audit-target">Target contains</label>
          <input id="audit-target" value={draft.target} onChange={(e) => change({ target: e.target.value })} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" type="datetime-local" value={draft.from} onChange={(e) => change({ from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To</label>
          <input id="audit-to" type="datetime-local" value={draft.to} onChange={(e) => change({ to: e.target.value })} />
        </div>
        <p className="filter-actions">
          <button type="submit" id="audit-search" className="primary">
            Search
          </button>
        </p>
        {invalid && <ErrorNote message={invalid} />}
      </form>
      <Load state={records} what="the audit log">
        {(all) => <AuditTable records={matchingTarget(all, applied.target)} />}
      </Load>
    </section>
  );
}

function AuditTable({ records }: { records: AuditRecord[] }) {
  const exportCsv = () => {
    const url = URL.createObjectURL(new Blob([auditCsv(records)], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = auditCsvName(new Date());
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  if (records.length === 0) return <p className="muted">No audit record matches.</p>;
  return (
    <>
      <p className="muted" id="audit-count">
        {records.length} record{records.length === 1 ? '' : 's'}, newest first.{' '}
        <button type="button" id="audit-export" onClick={exportCsv}>
          Export CSV
        </button>
      </p>
      <div className="table-scroll" role="region" aria-label="Audit records" tabIndex={0}>
        <table id="audit-records">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Operation</th>
              <th scope="col">Actor</th>
              <th scope="col">Target</th>
              <th scope="col">Outcome</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={String(r.id)}>
                <td>
                  <time dateTime={r.time}>{new Date(r.time).toLocaleString()}</time>
                </td>
                <td>{r.action}</td>
                <td>{r.actorUpn ?? r.actorId ?? '—'}</td>
                <td>{r.target ?? '—'}</td>
                <td>{r.outcome}</td>
                <td className="details">{r.details === null || r.details === undefined ? '' : JSON.stringify(r.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
