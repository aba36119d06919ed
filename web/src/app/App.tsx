import { Suspense, useState, useSyncExternalStore } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Callback } from '../auth/Callback';
import { SignInScreen } from '../auth/SignInScreen';
import { CALLBACK_PATH, isSignedIn, onSignInChange } from '../auth/session';
import { Loading } from '../ui/States';
import { signedInAppComponent } from './signedInAppCode';

export function App() {
  const signedIn = useSyncExternalStore(onSignInChange, isSignedIn);
  // Chosen once: the loaded code when main.tsx waited for it, else the lazy one (a sign-in in this page). A
  // later switch between the two would remount the whole app.
  const [SignedInApp] = useState(signedInAppComponent);
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
