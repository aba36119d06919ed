// The audit log screen's state logic: its filters as the query of GET /api/admin/audit, the target filter
// (applied to the records shown: the API filters by time, actor and action), and the CSV export of what
// is shown.
import type { Schemas } from '../../api/client';

export type AuditRecord = Schemas['AuditView'];

export interface AuditFilters {
  /** An action, or its prefix by dotted segments (`admin.policy` matches `admin.policy.new`). */
  operation: string;
  /** The actor's UPN or id. */
  actor: string;
  /** Text the record's target contains, without regard to case. */
  target: string;
  /** `datetime-local` values (the browser's time zone), empty for no bound. */
  from: string;
  to: string;
}

export const emptyFilters: AuditFilters = { operation: '', actor: '', target: '', from: '', to: '' };

/** How many records one search asks for (the API allows 1 to 1,000). */
export const AUDIT_TAKE = 500;

/** Actions the operation filter suggests (src/Conclave.Server/Audit/AuditActions.cs, Policies/PolicyAuditActions.cs). */
export const knownOperations = [
  'admin.policy',
  'admin.policy.new',
  'admin.policy.set',
  'admin.policy.remove',
  'admin.policy.reset',
  'admin.policy.grant',
  'admin.policy.group_assignment.remove',
  'admin.user',
  'admin.group',
  'admin.role',
  'admin.app',
  'admin.denied',
  'policy.setting.e2ee_calls',
];

/** A `datetime-local` value as an ISO 8601 instant, or null when it is not a time. */
export function toInstant(local: string): string | null {
  const time = new Date(local);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

export type AuditQuery = { from?: string; to?: string; actor?: string; action?: string; take: number };

/** The API query of the filters, or the reason they cannot be searched. */
export function auditQuery(filters: AuditFilters): { query: AuditQuery } | { error: string } {
  const query: AuditQuery = { take: AUDIT_TAKE };
  if (filters.from.trim() !== '') {
    const from = toInstant(filters.from);
    if (!from) return { error: 'The start of the time range is not a time.' };
    query.from = from;
  }

  if (filters.to.trim() !== '') {
    const to = toInstant(filters.to);
    if (!to) return { error: 'The end of the time range is not a time.' };
    query.to = to;
  }

  if (query.from && query.to && query.from > query.to) return { error: 'The time range ends before it starts.' };
  if (filters.actor.trim() !== '') query.actor = filters.actor.trim();
  if (filters.operation.trim() !== '') query.action = filters.operation.trim();
  return { query };
}

/** The records whose target contains the filter's text (all of them when it is empty). */
export function matchingTarget(records: readonly AuditRecord[], target: string): AuditRecord[] {
  const needle = target.trim().toLowerCase();
  if (needle === '') return [...records];
  return records.filter((r) => (r.target ?? '').toLowerCase().includes(needle));
}

/**
 * One CSV field. A value starting with =, +, - or @ (or a tab or carriage return, which some spreadsheets skip
 * before reading a formula) gets a leading ' so a spreadsheet shows it as text and never runs it (OWASP, CSV
 * injection); then a field holding a quote, comma, CR or LF is quoted with its quotes doubled (RFC 4180 §2.6–2.7).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV record: fields joined by commas, ended by CRLF (RFC 4180 §2.1). */
export const csvRecord = (fields: readonly string[]): string => fields.map(csvField).join(',') + '\r\n';

export const AUDIT_CSV_HEADER = ['Time', 'Operation', 'Actor', 'Target', 'Outcome', 'From address', 'Details'] as const;

/** The records shown, as a CSV file with a header line (text/csv, RFC 4180). */
export function auditCsv(records: readonly AuditRecord[]): string {
  let csv = csvRecord(AUDIT_CSV_HEADER);
  for (const r of records) {
    csv += csvRecord([
      r.time,
      r.action,
      r.actorUpn ?? r.actorId ?? '',
      r.target ?? '',
      r.outcome,
      r.fromAddress ?? '',
      r.details === null || r.details === undefined ? '' : JSON.stringify(r.details),
    ]);
  }

  return csv;
}

/** The export's file name, from the time it was made: conclave-audit-2026-12-07T09-40-00Z.csv. */
export const auditCsvName = (now: Date): string => `conclave-audit-${now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}.csv`;
