// The code behind the sign-in (SignedInApp and every screen), loaded on its own chunk: the sign-in screen
// ships only React, the router and the sign-in code. When someone is signed in as the page loads (most
// loads), main.tsx waits for this code before the first render, so the app renders once, at once; through
// <Suspense> it would first commit a fallback and then hold the real screen back for React's fallback
// throttle (about 300 ms; bench/scripts/60-admin-ui.sh).
import { type ComponentType, lazy } from 'react';

let loaded: ComponentType | null = null;
let loading: Promise<ComponentType> | null = null;

/** Loads the code (once); resolves to the app's component. */
export function loadSignedInApp(): Promise<ComponentType> {
  loading ??= import('./SignedInApp').then((module) => (loaded = module.default));
  return loading;
}

/** The component to render behind the sign-in: the loaded one, else one that suspends until it is loaded. */
export const signedInAppComponent = (): ComponentType => loaded ?? lazySignedInApp;

const lazySignedInApp = lazy(async () => ({ default: await loadSignedInApp() }));
