import { describe, expect, it } from 'vitest';
import { type AuditRecord, AUDIT_TAKE, auditCsv, auditCsvName, auditQuery, csvField, emptyFilters, matchingTarget } from './auditLog';

const record = (r: Partial<AuditRecord>): AuditRecord => ({
  id: 1,
  time: '2026-12-07T09:40:00+00:00',
  actorId: 'id-1',
  actorUpn: 'admin@conclave.test',
  action: 'admin.policy.new',
  target: 'TeamsMeetingPolicy Tag:A',
  fromAddress: '127.0.0.1',
  outcome: 'Success',
  details: null,
  ...r,
});

describe('audit CSV', () => {
  it('quotes fields with commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField('')).toBe('');
  });

  it('puts a quote mark before cells a spreadsheet would run as a formula', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+SUM(A1)')).toBe("'+SUM(A1)");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvField('a=1')).toBe('a=1');
  });

  it('writes a header and one CRLF-ended line per record shown, details as JSON', () => {
    const csv = auditCsv([record({ details: { policyType: 'T', after: { a: '1' } } }), record({ id: 2, actorUpn: null, actorId: null, target: null, fromAddress: null })]);
    expect(csv).toBe(
      'Time,Operation,Actor,Target,Outcome,From address,Details\r\n' +
        '2026-12-07T09:40:00+00:00,admin.policy.new,admin@conclave.test,TeamsMeetingPolicy Tag:A,Success,127.0.0.1,"{""policyType"":""T"",""after"":{""a"":""1""}}"\r\n' +
        '2026-12-07T09:40:00+00:00,admin.policy.new,,,Success,,\r\n',
    );
  });

  it('names the file after the time of the export', () => {
    expect(auditCsvName(new Date('2026-12-07T09:40:05.123Z'))).toBe('conclave-audit-2026-12-07T09-40-05Z.csv');
  });
});

describe('audit filters', () => {
  it('sends only the filters given, the times as ISO instants', () => {
    expect(auditQuery(emptyFilters)).toEqual({ query: { take: AUDIT_TAKE } });
    const built = auditQuery({ operation: ' admin.policy ', actor: 'a@x', target: 'ignored here', from: '2026-12-07T09:00', to: '2026-12-07T10:00' });
    expect(built).toEqual({
      query: { take: AUDIT_TAKE, action: 'admin.policy', actor: 'a@x', from: new Date('2026-12-07T09:00').toISOString(), to: new Date('2026-12-07T10:00').toISOString() },
    });
  });

  it('refuses a time range that ends before it starts, or a time that is not one', () => {
    expect(auditQuery({ ...emptyFilters, from: '2026-12-07T10:00', to: '2026-12-07T09:00' })).toEqual({ error: 'The time range ends before it starts.' });
    expect(auditQuery({ ...emptyFilters, from: 'soon' })).toHaveProperty('error');
  });

  it('keeps the records whose target contains the text, without regard to case', () => {
    const records = [record({ id: 1, target: 'TeamsMeetingPolicy group:Finance' }), record({ id: 2, target: null }), record({ id: 3, target: 'user:bob' })];
    expect(matchingTarget(records, 'FINANCE').map((r) => r.id)).toEqual([1]);
    expect(matchingTarget(records, ' ').map((r) => r.id)).toEqual([1, 2, 3]);
  });
});
