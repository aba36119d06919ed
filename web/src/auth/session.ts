// Sign-in of the app: OAuth 2.0 authorization code with PKCE (RFC 7636, S256 only) as the public client
// conclave-web, through the server's own sign-in page. Tokens live in this tab's sessionStorage only
// (gone when the tab closes) and never in the URL: the code is taken out of the address bar before it
// is redeemed.
import { randomText, s256Challenge } from './pkce';

const CLIENT_ID = 'conclave-web';
const SCOPE = 'openid profile offline_access api';
const TOKENS = 'conclave.web.tokens';
const PENDING = 'conclave.web.pkce';
// A token this close to expiry is refreshed before use (seconds).
const REFRESH_MARGIN_SECONDS = 60;

/** The one redirect URI of the app (the server registers it for each address it listens on: Web/WebAppRedirects.cs). */
export const CALLBACK_PATH = '/app/callback';
export const redirectUri = (): string => `${location.origin}${CALLBACK_PATH}`;

interface Tokens {
  access: string;
  refresh: string | null;
  expiresAt: number;
}

interface Pending {
  verifier: string;
  state: string;
  returnTo: string;
}

interface TokenAnswer {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
  error?: string;
  error_description?: string;
}

function load<T>(key: string): T | null {
  try {
    return JSON.parse(sessionStorage.getItem(key) ?? 'null') as T | null;
  } catch {
    return null;
  }
}

let tokens: Tokens | null = load<Tokens>(TOKENS);
let refreshing: Promise<void> | null = null;
const listeners = new Set<() => void>();

const changed = () => {
  for (const listener of listeners) listener();
};

export const isSignedIn = (): boolean => tokens !== null;

/** Calls `listener` whenever the signed-in state changes; returns the unsubscribe function. */
export function onSignInChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Only a path of this app is a place to come back to (never another origin). */
const localPath = (path: string): string => (path.startsWith('/') && !path.startsWith('//') ? path : '/');

/** Leaves for /connect/authorize; the server's sign-in page sends the person back to the callback. */
export async function signIn(returnTo: string): Promise<void> {
  // RFC 7636 §4.1: 32 random octets give a 43-character verifier; §4.2: S256 challenge.
  const verifier = randomText(32);
  const state = randomText(16);
  const pending: Pending = { verifier, state, returnTo: localPath(returnTo) };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const query = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: redirectUri(),
    scope: SCOPE,
    state,
    code_challenge: await s256Challenge(verifier),
    code_challenge_method: 'S256',
  });
  location.assign(`/connect/authorize?${query}`);
}

/**
 * Finishes a sign-in from the authorization response in the URL. Returns the path to go back to;
 * throws with the server's description when it failed.
 */
export async function completeSignIn(): Promise<string> {
  const query = new URLSearchParams(location.search);
  const pending = load<Pending>(PENDING);
  sessionStorage.removeItem(PENDING);
  const returnTo = localPath(pending?.returnTo ?? '/');
  // The code leaves the address bar (and history) before anything else happens.
  history.replaceState(null, '', returnTo);
  if (query.has('error')) throw new Error(`Sign-in failed: ${query.get('error_description') ?? query.get('error')}`);
  const code = query.get('code');
  if (!code) throw new Error('Sign-in failed: the server sent no authorization code.');
  // RFC 6749 §10.12: the state binds the response to the request this tab made.
  if (!pending || pending.state !== query.get('state')) throw new Error('Sign-in failed: the answer does not match the request of this tab.');
  await tokenRequest({
    grant_type: 'authorization_code',
    client_id: CLIENT_ID,
    code,
    redirect_uri: redirectUri(),
    code_verifier: pending.verifier,
  });
  return returnTo;
}

async function tokenRequest(form: Record<string, string>): Promise<void> {
  const response = await fetch('/connect/token', { method: 'POST', body: new URLSearchParams(form), cache: 'no-store' });
  const body = (await response.json().catch(() => ({}))) as TokenAnswer;
  if (!response.ok || !body.access_token) {
    if (form.grant_type === 'refresh_token') forget();
    throw new Error(`Sign-in failed: ${body.error_description ?? body.error ?? response.status}`);
  }

  tokens = {
    access: body.access_token,
    refresh: body.refresh_token ?? null,
    expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000,
  };
  sessionStorage.setItem(TOKENS, JSON.stringify(tokens));
  changed();
}

/** A valid access token, refreshed (the refresh token rotates on every use) when near expiry. */
export async function accessToken(): Promise<string> {
  if (!tokens) throw new Error('Not signed in.');
  if (Date.now() < tokens.expiresAt - REFRESH_MARGIN_SECONDS * 1000 || !tokens.refresh) return tokens.access;
  refreshing ??= tokenRequest({ grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: tokens.refresh }).finally(() => {
    refreshing = null;
  });
  await refreshing;
  if (!tokens) throw new Error('Not signed in.');
  return tokens.access;
}

/** Forgets the tokens; the refresh token is revoked (RFC 7009), which ends the whole sign-in on the server. */
export async function signOut(): Promise<void> {
  const refresh = tokens?.refresh;
  tokens = null;
  sessionStorage.removeItem(TOKENS);
  try {
    if (!refresh) return;
    await fetch('/connect/revoke', {
      method: 'POST',
      body: new URLSearchParams({ client_id: CLIENT_ID, token: refresh, token_type_hint: 'refresh_token' }),
      cache: 'no-store',
    }).catch(() => undefined);
  } finally {
    changed();
  }
}

/** Forgets the tokens the server refused (no revocation: they are spent already). */
function forget(): void {
  tokens = null;
  sessionStorage.removeItem(TOKENS);
  changed();
}
