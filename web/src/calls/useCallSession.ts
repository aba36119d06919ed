import { useSyncExternalStore } from 'react';
import { type SessionState, callSession } from './callSession';

/** The call session's state, re-rendering on every change. */
export function useCallSession(): SessionState {
  const session = callSession();
  return useSyncExternalStore(session.subscribe, session.getState);
}
