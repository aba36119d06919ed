import { useCallback, useEffect, useReducer } from 'react';
import { describeError } from '../api/problem';
import { ConfirmButton } from '../admin/parts';
import { ErrorNote, Loading } from '../ui/States';
import { type Session, describeClient, initialSessions, revocable, sessionsReducer, when } from './sessions';

/**
 * The places an account is signed in, "this device" marked, each other one with a Revoke button that
 * asks first. Used for the person's own sessions (profile) and by an administrator (user detail).
 */
export function SessionList({
  idPrefix,
  load,
  revoke,
  revokeOthers,
  owner,
}: {
  idPrefix: string;
  load: () => Promise<Session[]>;
  revoke: (id: string) => Promise<unknown>;
  /** "Sign out everywhere else"; absent where it does not apply (an administrator's view). */
  revokeOthers?: () => Promise<unknown>;
  /** The session as the confirmation names it: "this session" or "alice@example.org's session". */
  owner: string;
}) {
  const [state, dispatch] = useReducer(sessionsReducer, initialSessions);
  const reload = useCallback(() => {
    load().then(
      (sessions) => dispatch({ type: 'loaded', sessions }),
      (error: unknown) => dispatch({ type: 'failed', message: describeError(error) }),
    );
    // `load` is a new function each render of the parent; what it loads does not change.
  }, []);
  useEffect(reload, [reload]);

  if (state.status === 'loading') return <Loading what="the sessions" />;
  if (state.status === 'error') return <ErrorNote message={state.message} onRetry={reload} />;

  const end = async (session: Session) => {
    dispatch({ type: 'revoking', id: session.id });
    try {
      await revoke(session.id);
      dispatch({ type: 'revoked', id: session.id });
    } catch (error) {
      dispatch({ type: 'revokeFailed', message: describeError(error) });
    }
  };

  const endOthers = async () => {
    if (!revokeOthers) return;
    try {
      await revokeOthers();
    } catch (error) {
      dispatch({ type: 'revokeFailed', message: describeError(error) });
      return;
    }
    reload();
  };

  const others = state.sessions.filter(revocable);
  return (
    <div className="sessions">
      <p id={`${idPrefix}-notice`} className="muted" role="status" aria-live="polite">
        {state.notice}
      </p>
      {state.error && <ErrorNote message={state.error} />}
      {state.sessions.length === 0 ? (
        <p id={`${idPrefix}-empty`}>No signed-in sessions.</p>
      ) : (
        <ul id={`${idPrefix}-list`} className="session-list">
          {state.sessions.map((session) => (
            <li key={session.id} data-session-id={session.id} className="session" aria-current={session.current ? 'true' : undefined}>
              <p className="session-client">
                <strong>{describeClient(session)}</strong>
                {session.current && <span className="badge"> This device</span>}
              </p>
              <dl className="facts">
                <dt>Signed in</dt>
                <dd>{when(session.startedAt)}</dd>
                <dt>Last active</dt>
                <dd>{when(session.lastActiveAt)}</dd>
                <dt>Signed in from</dt>
                <dd>{session.signInAddress ?? 'unknown'}</dd>
              </dl>
              {revocable(session) && (
                <ConfirmButton
                  id={`${idPrefix}-revoke-${session.id}`}
                  label="Revoke"
                  accessibleLabel={`Revoke: ${describeClient(session)}, signed in ${when(session.startedAt)}`}
                  question={`Sign out ${owner} (${describeClient(session)})? It will have to sign in again.`}
                  confirmLabel="Revoke"
                  danger
                  disabled={state.revoking !== null}
                  onConfirm={() => void end(session)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {revokeOthers && others.length > 0 && (
        <p>
          <ConfirmButton
            id={`${idPrefix}-revoke-others`}
            label="Sign out everywhere else"
            question={`Sign out ${others.length === 1 ? 'the other session' : `all ${others.length} other sessions`}? This device stays signed in.`}
            confirmLabel="Sign out everywhere else"
            danger
            disabled={state.revoking !== null}
            onConfirm={() => void endOthers()}
          />
        </p>
      )}
    </div>
  );
}
