// Who is signed in (GET /api/me), loaded once behind the sign-in and shared by the shell (roles decide
// which navigation entries show) and the screens.
import { createContext, useContext } from 'react';
import type { Schemas } from '../api/client';
import type { Loaded } from '../ui/useApi';

export type Me = Schemas['MeView'];

export type MeState = Loaded<Me> & { reload: () => void };

export const MeContext = createContext<MeState>({ status: 'loading', reload: () => undefined });

export const useMe = (): MeState => useContext(MeContext);

/** The roles of the signed-in person, none until /api/me answered. */
export const rolesOf = (me: MeState): readonly string[] => (me.status === 'ready' ? (me.data.roles ?? []) : []);
