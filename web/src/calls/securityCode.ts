// The call security code of docs/security-code.md: the two SHA-256 certificate fingerprints (32 raw
// bytes each) sorted bytewise, SHA-256 over the label and both, then four big-endian 40-bit groups
// of the hash, each mod 100000 and shown as five digits.
const LABEL = 'conclave-call-security-code-v1';

/** The sha-256 fingerprint of an SDP (RFC 8122 §5: a=fingerprint:sha-256 AB:CD:...), upper case, or null. */
export function sdpFingerprint(sdp: string | null | undefined): string | null {
  const match = /^a=fingerprint:sha-256 ([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){31})\s*$/im.exec(sdp ?? '');
  return match?.[1] ? match[1].toUpperCase() : null;
}

const bytes = (fingerprint: string): Uint8Array => Uint8Array.from(fingerprint.split(':'), (pair) => parseInt(pair, 16));

/** The 20-digit code of two fingerprints ("AB:CD:..."), the same whichever order they come in. */
export async function securityCode(fingerprintA: string, fingerprintB: string): Promise<string> {
  const a = bytes(fingerprintA);
  const b = bytes(fingerprintB);
  let order = 0;
  for (let i = 0; i < 32 && order === 0; i++) order = (a[i] ?? 0) - (b[i] ?? 0);
  const [first, second] = order <= 0 ? [a, b] : [b, a];
  const label = new TextEncoder().encode(LABEL);
  const input = new Uint8Array(label.length + 64);
  input.set(label, 0);
  input.set(first, label.length);
  input.set(second, label.length + 32);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let value = 0n;
    for (let i = 0; i < 5; i++) value = (value << 8n) | BigInt(hash[5 * g + i] ?? 0);
    groups.push((value % 100000n).toString().padStart(5, '0'));
  }

  return groups.join(' ');
}
