import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { randomText, s256Challenge } from './pkce';

describe('PKCE', () => {
  it('computes the S256 challenge: BASE64URL(SHA256(verifier)) without padding (RFC 7636 §4.2)', async () => {
    for (const verifier of ['a-verifier-of-enough-length-for-rfc-7636-pkce', randomText(32), randomText(64)]) {
      const expected = createHash('sha256').update(verifier, 'ascii').digest('base64url');
      expect(await s256Challenge(verifier)).toBe(expected);
    }
  });

  it('makes a 43-character verifier from 32 octets (RFC 7636 §4.1)', () => {
    const verifier = randomText(32);
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomText(32)).not.toBe(verifier);
  });
});
