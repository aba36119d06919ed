import { Suspense, lazy, useSyncExternalStore } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Callback } from '../auth/Callback';
import { SignInScreen } from '../auth/SignInScreen';
import { CALLBACK_PATH, isSignedIn, onSignInChange } from '../auth/session';
import { Loading } from '../ui/States';

// Everything behind the sign-in loads on its own, after it: the sign-in screen ships only React, the
// router and the sign-in code.
const SignedInApp = lazy(() => import('./SignedInApp'));

export function App() {
  const signedIn = useSyncExternalStore(onSignInChange, isSignedIn);
  return (
    <BrowserRouter>
      <Routes>
        <Route path={CALLBACK_PATH} element={<Callback />} />
        <Route
          path="*"
          element={
            signedIn ? (
              <Suspense fallback={<Loading what="Conclave" />}>
                <SignedInApp />
              </Suspense>
            ) : (
              <SignInScreen />
            )
          }
        />
      </Routes>
    </BrowserRouter>
  );
}
