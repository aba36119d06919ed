// RFC 7636 (PKCE) helpers: a random verifier and its S256 challenge, base64url without padding.

export const base64Url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Random text of `octets` random bytes, base64url-encoded. */
export const randomText = (octets: number): string => base64Url(crypto.getRandomValues(new Uint8Array(octets)));

/** RFC 7636 §4.2: code_challenge = BASE64URL(SHA256(ASCII(code_verifier))). */
export async function s256Challenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}
