import { describe, expect, it } from 'vitest';
import { sdpFingerprint, securityCode } from './securityCode';

const colons = (hex: string) => hex.match(/../g)!.map((pair) => pair.toUpperCase()).join(':');

// docs/security-code.md: the vectors every implementation (server, .NET client, app) shares.
const vectors: [string, string, string][] = [
  ['0000000000000000000000000000000000000000000000000000000000000000', 'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', '83126 97611 08521 09075'],
  ['0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20', 'a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf', '93682 32527 53015 25937'],
  ['2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90', '81b637d8fcd2c6da6359e6963113a1170de795e4b725b84d1e0b4cfd9ec58ce9', '69027 07549 15228 70425'],
  ['1111111111111111111111111111111111111111111111111111111111111111', '1111111111111111111111111111111111111111111111111111111111111111', '37078 43642 02498 90077'],
  ['39d97c0f8d3db2b9575e1b37e6d3942f95ddd3af48e55f835ceff84ff37824a5', '16767d1f7afeeb6fd3828ef4157be119196828345569c665c907eadf561fd146', '59409 11842 65936 01182'],
];

describe('securityCode', () => {
  it.each(vectors)('gives the documented code for %s / %s in both orders', async (a, b, expected) => {
    expect(await securityCode(colons(a), colons(b))).toBe(expected);
    expect(await securityCode(colons(b), colons(a))).toBe(expected);
  });
});

describe('sdpFingerprint', () => {
  const zeros = Array(30).fill('00').join(':');

  it('reads a whole sha-256 line, upper-cased', () => {
    expect(sdpFingerprint(`v=0\r\na=fingerprint:sha-256 ab:CD:${zeros}\r\n`)).toBe(`AB:CD:${zeros}`);
  });

  it('ignores other hashes and short fingerprints', () => {
    expect(sdpFingerprint(`v=0\r\na=fingerprint:sha-1 AB:CD:${Array(18).fill('00').join(':')}\r\n`)).toBeNull();
    expect(sdpFingerprint('v=0\r\na=fingerprint:sha-256 AB:CD\r\n')).toBeNull();
    expect(sdpFingerprint(null)).toBeNull();
  });
});
