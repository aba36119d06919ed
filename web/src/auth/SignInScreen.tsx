import { useState } from 'react';
import { describeError } from '../api/problem';
import { CALLBACK_PATH, signIn } from './session';

// Where to come back to after signing in: this page (the address bar, which a failed callback already
// cleaned), never the callback itself.
const returnPath = () => (location.pathname === CALLBACK_PATH ? '/' : location.pathname + location.search);

/** What a signed-out person sees on any route: one button to the server's sign-in page. */
export function SignInScreen({ problem }: { problem?: string }) {
  const [error, setError] = useState(problem ?? '');
  const [leaving, setLeaving] = useState(false);
  const start = () => {
    setLeaving(true);
    signIn(returnPath()).catch((e: unknown) => {
      setLeaving(false);
      setError(describeError(e));
    });
  };

  return (
    <main className="sign-in" id="signed-out">
      <h1>Conclave</h1>
      <p>Sign in with your Conclave account to place and answer calls.</p>
      <button id="sign-in" type="button" className="primary" onClick={start} disabled={leaving}>
        Sign in
      </button>
      <p id="status" role="status" className="error-text">
        {error}
      </p>
    </main>
  );
}
