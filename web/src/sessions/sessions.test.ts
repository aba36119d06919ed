import { describe, expect, it } from 'vitest';
import { type Session, type SessionsState, describeClient, initialSessions, ordered, revocable, sessionsReducer, when } from './sessions';

const session = (over: Partial<Session>): Session => ({
  id: 's1',
  clientId: 'conclave-cli',
  clientName: 'Conclave command line',
  signInMethod: 'password',
  startedAt: '2026-12-01T09:00:00Z',
  lastActiveAt: '2026-12-01T10:00:00Z',
  signInAddress: '192.0.2.10',
  current: false,
  ...over,
});

const thisDevice = session({ id: 'here', clientId: 'conclave-web', signInMethod: 'browser', current: true, lastActiveAt: '2026-12-01T08:00:00Z' });
const older = session({ id: 'old', lastActiveAt: '2026-11-30T10:00:00Z' });
const newer = session({ id: 'new', lastActiveAt: '2026-12-02T10:00:00Z' });

const ready = (sessions: Session[]): SessionsState => sessionsReducer(initialSessions, { type: 'loaded', sessions });

describe('ordered', () => {
  it('puts this device first, then the most recently active', () => {
    expect(ordered([older, thisDevice, newer]).map((s) => s.id)).toEqual(['here', 'new', 'old']);
  });

  it('uses the start when the last activity is not known', () => {
    const unknown = session({ id: 'unknown', lastActiveAt: null, startedAt: '2026-12-03T00:00:00Z' });
    expect(ordered([older, unknown]).map((s) => s.id)).toEqual(['unknown', 'old']);
  });
});

describe('sessionsReducer', () => {
  it('starts loading and shows a failure to load as an error', () => {
    expect(initialSessions.status).toBe('loading');
    expect(sessionsReducer(initialSessions, { type: 'failed', message: 'No (auth.unauthenticated)' })).toEqual({
      status: 'error',
      message: 'No (auth.unauthenticated)',
    });
  });

  it('removes a revoked session and says which one ended', () => {
    const revoking = sessionsReducer(ready([thisDevice, older]), { type: 'revoking', id: 'old' });
    expect(revoking.status === 'ready' && revoking.revoking).toBe('old');
    const done = sessionsReducer(revoking, { type: 'revoked', id: 'old' });
    expect(done.status === 'ready' && done.sessions.map((s) => s.id)).toEqual(['here']);
    expect(done.status === 'ready' && done.revoking).toBeNull();
    expect(done.status === 'ready' && done.notice).toBe('Signed out: Command line (conclave), signed in with a password.');
  });

  it('keeps the session and shows the server’s refusal when a revocation fails', () => {
    const revoking = sessionsReducer(ready([thisDevice, older]), { type: 'revoking', id: 'old' });
    const failed = sessionsReducer(revoking, { type: 'revokeFailed', message: 'No signed-in session (auth.session_not_found)' });
    expect(failed.status === 'ready' && failed.sessions.map((s) => s.id)).toEqual(['here', 'old']);
    expect(failed.status === 'ready' && failed.error).toBe('No signed-in session (auth.session_not_found)');
    expect(failed.status === 'ready' && failed.revoking).toBeNull();
  });

  it('runs one revocation at a time', () => {
    const first = sessionsReducer(ready([thisDevice, older, newer]), { type: 'revoking', id: 'old' });
    expect(sessionsReducer(first, { type: 'revoking', id: 'new' })).toBe(first);
  });

  it('ignores revocation events before the list has loaded', () => {
    expect(sessionsReducer(initialSessions, { type: 'revoked', id: 'old' })).toBe(initialSessions);
  });
});

describe('describeClient', () => {
  it('names the built-in clients and how they signed in', () => {
    expect(describeClient(thisDevice)).toBe('Web app, signed in through a browser');
    expect(describeClient(session({ signInMethod: 'device_code' }))).toBe('Command line (conclave), signed in with a device code');
  });

  it('names another app by its display name, else its client id', () => {
    expect(describeClient(session({ clientId: 'bot', clientName: 'Rota bot' }))).toBe('Rota bot, signed in with a password');
    expect(describeClient(session({ clientId: 'bot', clientName: null }))).toBe('bot, signed in with a password');
  });
});

describe('revocable and when', () => {
  it('offers revoke for every session but this device', () => {
    expect(revocable(thisDevice)).toBe(false);
    expect(revocable(older)).toBe(true);
  });

  it('says unknown for a missing or unreadable time', () => {
    expect(when(null)).toBe('unknown');
    expect(when('not a date')).toBe('unknown');
    expect(when('2026-12-01T10:00:00Z', 'en-GB')).toMatch(/2026/);
  });
});
