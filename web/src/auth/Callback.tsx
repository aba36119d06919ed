import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../api/problem';
import { Loading } from '../ui/States';
import { SignInScreen } from './SignInScreen';
import { completeSignIn } from './session';

// One redemption per page load: the code is single-use (RFC 6749 §4.1.2).
let redeeming: Promise<string> | null = null;

/** The redirect URI's page: redeems the authorization code, then goes back where the sign-in started. */
export function Callback() {
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    redeeming ??= completeSignIn();
    redeeming.then(
      (returnTo) => navigate(returnTo, { replace: true }),
      (e: unknown) => setError(describeError(e)),
    );
  }, [navigate]);

  return error ? <SignInScreen problem={error} /> : <Loading what="your sign-in" />;
}
