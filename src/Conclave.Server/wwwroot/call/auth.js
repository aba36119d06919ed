// Sign-in of the call page: OAuth 2.0 authorization code with PKCE (RFC 7636, S256 only) as the public
// client conclave-web, through the server's own sign-in page. Tokens live in this tab's sessionStorage
// only (gone when the tab closes) and never in the URL: the code is taken out of the address bar before
// it is redeemed.
const CLIENT_ID = 'conclave-web';
const SCOPE = 'openid profile offline_access api';
const TOKENS = 'conclave.call.tokens';
const PENDING = 'conclave.call.pkce';
// A token this close to expiry is refreshed before use (seconds).
const REFRESH_MARGIN = 60;

export const redirectUri = `${location.origin}/call/`;

const base64Url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const randomText = (length) => base64Url(crypto.getRandomValues(new Uint8Array(length)));

function load(key) {
  try {
    return JSON.parse(sessionStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

let tokens = load(TOKENS);
let refreshing = null;

export const signedIn = () => tokens !== null;

/** Leaves for /connect/authorize; the server's sign-in page sends the person back to redirectUri. */
export async function signIn() {
  // RFC 7636 §4.1: 32 random octets give a 43-character verifier; §4.2: S256 challenge.
  const verifier = randomText(32);
  const state = randomText(16);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const query = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: SCOPE,
    state,
    code_challenge: base64Url(new Uint8Array(digest)),
    code_challenge_method: 'S256',
  });
  location.assign(`/connect/authorize?${query}`);
}

/**
 * Finishes a sign-in when the URL carries the authorization response. Returns true when it did,
 * false when there was none; throws with the server's description when it failed.
 */
export async function completeSignIn(cleanUrl) {
  const query = new URLSearchParams(location.search);
  if (!query.has('code') && !query.has('error')) return false;
  const pending = load(PENDING);
  sessionStorage.removeItem(PENDING);
  // The code leaves the address bar (and history) before anything else happens.
  history.replaceState(null, '', cleanUrl);
  if (query.has('error')) throw new Error(`Sign-in failed: ${query.get('error_description') ?? query.get('error')}`);
  // RFC 6749 §10.12: the state binds the response to the request this tab made.
  if (!pending || pending.state !== query.get('state')) throw new Error('Sign-in failed: the answer does not match the request of this tab.');
  await tokenRequest({
    grant_type: 'authorization_code',
    client_id: CLIENT_ID,
    code: query.get('code'),
    redirect_uri: redirectUri,
    code_verifier: pending.verifier,
  });
  return true;
}

async function tokenRequest(form) {
  const response = await fetch('/connect/token', { method: 'POST', body: new URLSearchParams(form), cache: 'no-store' });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    if (form.grant_type === 'refresh_token') forget();
    throw new Error(`Sign-in failed: ${body.error_description ?? body.error ?? response.status}`);
  }

  tokens = {
    access: body.access_token,
    refresh: body.refresh_token ?? null,
    expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000,
  };
  sessionStorage.setItem(TOKENS, JSON.stringify(tokens));
}

/** A valid access token, refreshed (the refresh token rotates on every use) when near expiry. */
export async function accessToken() {
  if (!tokens) throw new Error('Not signed in.');
  if (Date.now() < tokens.expiresAt - REFRESH_MARGIN * 1000 || !tokens.refresh) return tokens.access;
  refreshing ??= tokenRequest({ grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: tokens.refresh })
    .finally(() => { refreshing = null; });
  await refreshing;
  return tokens.access;
}

/** fetch() against the API with the bearer token. */
export async function api(path, init = {}) {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${await accessToken()}`);
  return fetch(path, { ...init, headers, cache: 'no-store' });
}

/** Forgets the tokens; the refresh token is revoked (RFC 7009), which ends the whole sign-in on the server. */
export async function signOut() {
  const refresh = tokens?.refresh;
  tokens = null;
  sessionStorage.removeItem(TOKENS);
  if (!refresh) return;
  await fetch('/connect/revoke', {
    method: 'POST',
    body: new URLSearchParams({ client_id: CLIENT_ID, token: refresh, token_type_hint: 'refresh_token' }),
    cache: 'no-store',
  }).catch(() => {});
}

/** Forgets the tokens the server refused (no revocation: they are spent already). */
function forget() {
  tokens = null;
  sessionStorage.removeItem(TOKENS);
}
