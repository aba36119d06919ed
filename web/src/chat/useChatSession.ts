import { useSyncExternalStore } from 'react';
import { type ChatSession, type ChatState, chatSession } from './chatSession';

/** The chat session of `myUpn` and its state, re-rendering on every change. */
export function useChatSession(myUpn: string): { session: ChatSession; state: ChatState } {
  const session = chatSession(myUpn);
  const state = useSyncExternalStore(session.subscribe, session.getState);
  return { session, state };
}
