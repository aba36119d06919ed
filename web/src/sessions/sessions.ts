// "Devices": where an account is signed in (GET /api/account/sessions, or the admin's
// /api/admin/users/{idOrUpn}/sessions), and what revoking one does to the list. Pure: the screens hold
// the state, this module says what it becomes.
import type { Schemas } from '../api/client';

export type Session = Schemas['SessionView'];

export type SessionsState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; sessions: Session[]; revoking: string | null; error: string | null; notice: string | null };

export type SessionsEvent =
  | { type: 'loaded'; sessions: Session[] }
  | { type: 'failed'; message: string }
  | { type: 'revoking'; id: string }
  | { type: 'revoked'; id: string }
  | { type: 'revokeFailed'; message: string };

export const initialSessions: SessionsState = { status: 'loading' };

/** This device first, then the most recently active. */
export function ordered(sessions: readonly Session[]): Session[] {
  const active = (s: Session) => Date.parse(s.lastActiveAt ?? s.startedAt);
  return [...sessions].sort((a, b) => Number(b.current) - Number(a.current) || active(b) - active(a));
}

export function sessionsReducer(state: SessionsState, event: SessionsEvent): SessionsState {
  switch (event.type) {
    case 'loaded':
      return { status: 'ready', sessions: ordered(event.sessions), revoking: null, error: null, notice: null };
    case 'failed':
      return { status: 'error', message: event.message };
    case 'revoking':
      // One revocation at a time: a second click while one runs changes nothing.
      if (state.status !== 'ready' || state.revoking !== null) return state;
      return { ...state, revoking: event.id, error: null, notice: null };
    case 'revoked': {
      if (state.status !== 'ready') return state;
      const gone = state.sessions.find((s) => s.id === event.id);
      return {
        ...state,
        sessions: state.sessions.filter((s) => s.id !== event.id),
        revoking: null,
        notice: gone ? `Signed out: ${describeClient(gone)}.` : null,
      };
    }
    case 'revokeFailed':
      if (state.status !== 'ready') return state;
      return { ...state, revoking: null, error: event.message };
  }
}

/** Whether a session may be revoked from the list: any but the one showing it (that one signs out instead). */
export const revocable = (session: Session): boolean => !session.current;

/** What the person calls the client: the web app, the command line, or an app by its name. */
export function describeClient(session: Session): string {
  const client =
    session.clientId === 'conclave-web' ? 'Web app' : session.clientId === 'conclave-cli' ? 'Command line (conclave)' : (session.clientName ?? session.clientId);
  return `${client}, ${methodText(session.signInMethod)}`;
}

function methodText(method: string): string {
  switch (method) {
    case 'browser':
      return 'signed in through a browser';
    case 'device_code':
      return 'signed in with a device code';
    case 'password':
      return 'signed in with a password';
    case 'unknown':
      return 'signed in';
    default:
      return `signed in (${method})`;
  }
}

/** A moment as the person reads it, in their locale; "unknown" when the server does not know it. */
export function when(iso: string | null | undefined, locale?: string): string {
  if (!iso) return 'unknown';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return 'unknown';
  return new Date(time).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
